package org.incidentresponse.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.incidentresponse.audit.IncidentHistory.Notification;
import org.incidentresponse.audit.IncidentHistory.Step;
import org.incidentresponse.audit.IncidentHistory.VariableChange;
import org.incidentresponse.audit.IncidentReport.Breach;
import org.incidentresponse.audit.IncidentReport.ChecklistItem;
import org.incidentresponse.audit.IncidentReport.Summary;
import org.incidentresponse.audit.IncidentReport.TimelineEntry;

/**
 * The SOP's rules applied to an incident's history: the eight-item checklist with its evidence, the
 * breaches, and the timeline. Pure computation over {@link IncidentHistory}; {@code now} stands for
 * the end of an incident that is still open.
 */
public class ComplianceRules {

  /** Templates that count as a stakeholder update for the update cadence. */
  static final Set<String> UPDATE_TEMPLATES = Set.of("initial", "update");

  private final Duration updateTolerance;

  public ComplianceRules(Duration updateTolerance) {
    this.updateTolerance = updateTolerance;
  }

  public IncidentReport report(IncidentHistory h, Instant now) {
    List<ChecklistItem> checklist = checklist(h);
    List<Breach> breaches = breaches(h, now);
    int done = (int) checklist.stream().filter(ChecklistItem::satisfied).count();
    return new IncidentReport(summary(h, done, checklist.size(), breaches.size()), timeline(h), checklist, breaches);
  }

  // ---------------------------------------------------------------------------------------------
  // Key times

  public Instant reportedAt(IncidentHistory h) {
    Instant reported = instant(h.variable("reportedAt"));
    return reported != null ? reported : h.startTime();
  }

  /** The first claim of the triage task (recorded as acknowledgedAt), else the triage task's first assignment. */
  public Instant acknowledgedAt(IncidentHistory h) {
    Instant acknowledged = instant(h.variable("acknowledgedAt"));
    if (acknowledged != null) {
      return acknowledged;
    }
    Set<String> triageTasks = new java.util.HashSet<>();
    h.all("Task_TriageIncident").forEach(s -> triageTasks.add(s.name()));
    return h.operations().stream()
        .filter(op -> op.stepName() != null && triageTasks.contains(op.stepName()))
        .filter(op -> "Claim".equals(op.operationType()) || "Assign".equals(op.operationType()))
        .map(IncidentHistory.UserOperation::time).findFirst()
        .orElse(h.completed("Task_TriageIncident").map(Step::end).orElse(null));
  }

  /** The workaround, if one was applied; else the resolution. */
  public Instant mitigatedAt(IncidentHistory h) {
    return h.completed("Task_ApplyWorkaround").map(Step::end).orElse(resolvedAt(h));
  }

  public Instant resolvedAt(IncidentHistory h) {
    return h.completed("Task_ResolveIncident").map(Step::end).orElse(null);
  }

  public Instant reviewDoneAt(IncidentHistory h) {
    return h.completed("Task_ConductPostIncidentReview").map(Step::end).orElse(null);
  }

  // ---------------------------------------------------------------------------------------------
  // Checklist

  public List<ChecklistItem> checklist(IncidentHistory h) {
    List<ChecklistItem> items = new ArrayList<>();
    String absent = h.closed() ? "missing" : "pending";

    Optional<Step> log = h.completed("Task_LogIncident");
    items.add(log.map(s -> item(1, "identify-and-log", "Identify and log", "done", h.string("reporter"), s.end(),
            join(h.incidentNumber(), "reported via " + orDash(h.string("source")), "at " + reportedAt(h),
                quoted(h.string("title")))))
        .orElse(item(1, "identify-and-log", "Identify and log", absent, null, null, "Task_LogIncident not completed")));

    Optional<Step> classify = h.completed("Task_ClassifyIncident");
    String severity = h.string("severity");
    items.add(classify.filter(s -> severity != null)
        .map(s -> item(2, "classify", "Classify severity and impact", "done",
            orElse(h.string("severityDecidedBy"), s.completedBy()), s.end(), severityEvidence(h)))
        .orElse(item(2, "classify", "Classify severity and impact", absent, null, null,
            "Task_ClassifyIncident not completed; proposed " + orDash(h.string("proposedSeverity")))));

    Optional<Notification> initial = h.notifications().stream()
        .filter(n -> "initial".equals(n.template()) || "Task_NotifyStakeholders".equals(n.activityId())).findFirst();
    items.add(initial.map(n -> item(3, "notify-stakeholders", "Notify stakeholders", "done", "sendNotification",
            n.sentAt(), notificationEvidence(n)))
        .orElse(item(3, "notify-stakeholders", "Notify stakeholders", absent, null, null,
            "no notification recorded by Task_NotifyStakeholders")));

    Optional<Step> assign = h.completed("Task_AssignResponseTeam");
    String commander = h.string("incidentCommander");
    items.add(assign.filter(s -> commander != null && !commander.isBlank())
        .map(s -> item(4, "assign-team", "Assign team members", "done", s.completedBy(), s.end(),
            join("commander " + commander, "team " + orDash(h.string("responseTeam")),
                "communications " + orDash(h.string("communicationsLead")))))
        .orElse(item(4, "assign-team", "Assign team members", absent, null, null,
            assign.isPresent() ? "no incident commander named" : "Task_AssignResponseTeam not completed")));

    Optional<Step> establish = h.completed("Task_EstablishTimeline");
    Optional<Step> communicate = h.completed("Task_CommunicateTimeline");
    if (establish.isPresent() && communicate.isPresent()) {
      items.add(item(5, "timeline", "Establish and communicate a response timeline", "done",
          establish.get().completedBy(), communicate.get().end(),
          join("target mitigation " + orDash(h.string("targetMitigationAt")),
              "target resolution " + orDash(h.string("targetResolutionAt")), "communicated " + communicate.get().end())));
    } else {
      items.add(item(5, "timeline", "Establish and communicate a response timeline", absent, null, null,
          establish.isPresent() ? "timeline set but not communicated (Task_CommunicateTimeline)"
              : "Task_EstablishTimeline not completed"));
    }

    Optional<Step> workaround = h.completed("Task_ApplyWorkaround");
    if (workaround.isPresent()) {
      items.add(item(6, "interim-solution", "Interim solution if needed", "done", workaround.get().completedBy(),
          workaround.get().end(), "workaround: " + orDash(h.string("workaroundDescription"))));
    } else if (Boolean.FALSE.equals(h.variable("workaroundNeeded")) && establish.isPresent()) {
      items.add(item(6, "interim-solution", "Interim solution if needed", "not-needed", establish.get().completedBy(),
          establish.get().end(), "the commander planned no workaround (workaroundNeeded = false)"));
    } else {
      items.add(item(6, "interim-solution", "Interim solution if needed", absent, null, null,
          h.isTrue("workaroundNeeded") ? "workaround planned, Task_ApplyWorkaround not completed"
              : "not decided yet"));
    }

    Optional<Step> resolve = h.completed("Task_ResolveIncident");
    String rootCause = h.string("rootCause");
    items.add(resolve.filter(s -> rootCause != null && !rootCause.isBlank())
        .map(s -> item(7, "full-resolution", "Full resolution", "done", s.completedBy(), s.end(),
            join("root cause: " + rootCause, "summary: " + orDash(h.string("resolutionSummary")))))
        .orElse(item(7, "full-resolution", "Full resolution", absent, null, null,
            resolve.isPresent() ? "resolved without a root cause" : "Task_ResolveIncident not completed")));

    Optional<Step> review = h.completed("Task_ConductPostIncidentReview");
    Optional<Step> decide = h.completed("Task_DecideReview");
    if (review.isPresent()) {
      items.add(item(8, "post-incident-analysis", "Post-incident analysis", "done", review.get().completedBy(),
          review.get().end(), join("due " + orDash(h.string("reviewDueAt")),
              "lessons learned: " + orDash(h.string("reviewLessonsLearned")),
              "action items: " + orDash(h.string("reviewActionItems")))));
    } else if ("optional".equals(h.string("reviewPolicy")) && Boolean.FALSE.equals(h.variable("reviewWanted"))
        && decide.isPresent()) {
      items.add(item(8, "post-incident-analysis", "Post-incident analysis", "not-required", decide.get().completedBy(),
          decide.get().end(), "review optional for " + orDash(severity) + ", not wanted: "
              + orDash(h.string("reviewDecisionReason"))));
    } else {
      items.add(item(8, "post-incident-analysis", "Post-incident analysis", absent, null, null,
          "mandatory".equals(h.string("reviewPolicy")) ? "mandatory review not completed"
              : "Task_ConductPostIncidentReview not completed"));
    }
    return items;
  }

  private String severityEvidence(IncidentHistory h) {
    String severity = h.string("severity");
    String proposed = h.string("proposedSeverity");
    StringBuilder text = new StringBuilder(severity).append(" (proposed ").append(orDash(proposed));
    if (h.isTrue("severityOverridden")) {
      text.append(", overridden: ").append(orDash(h.string("severityOverrideReason")));
    } else {
      text.append(", confirmed");
    }
    text.append("); impact ").append(orDash(h.string("impact"))).append(", urgency ").append(orDash(h.string("urgency")))
        .append(", customer impact ").append(h.isTrue("customerImpact") ? "yes" : "no");
    return text.toString();
  }

  private static String notificationEvidence(Notification n) {
    return join("template " + orDash(n.template()), n.recipients().isEmpty() ? null : "to " + String.join(", ", n.recipients()),
        n.channel() == null ? null : "via " + n.channel(), n.subject() == null ? null : quoted(n.subject()));
  }

  private static ChecklistItem item(int number, String key, String label, String status, String by, Instant at,
      String evidence) {
    return new ChecklistItem(number, key, label, status, by, at, evidence);
  }

  // ---------------------------------------------------------------------------------------------
  // Breaches

  public List<Breach> breaches(IncidentHistory h, Instant now) {
    Instant end = h.closed() ? h.endTime() : now;
    List<Breach> breaches = new ArrayList<>();
    Instant reported = reportedAt(h);

    // Acknowledgement: the timeout of the severity in force when it was (or should have been) acknowledged.
    Instant acknowledged = acknowledgedAt(h);
    Duration ackTimeout = duration(h.valueAt("ackTimeout", acknowledged != null ? acknowledged : reported));
    if (ackTimeout != null && reported != null) {
      Instant due = reported.plus(ackTimeout);
      Instant actual = acknowledged != null ? acknowledged : end;
      if (actual.isAfter(due)) {
        breaches.add(new Breach("acknowledgement-late", acknowledged != null
            ? "acknowledged " + minutes(Duration.between(reported, acknowledged)) + " after report; timeout " + ackTimeout
            : "not acknowledged; timeout " + ackTimeout, due, acknowledged));
      }
    }

    // Stakeholder updates: from the initial notification until resolution, no gap longer than the cadence.
    List<Instant> updates = h.notifications().stream().filter(n -> UPDATE_TEMPLATES.contains(n.template()))
        .map(Notification::sentAt).filter(t -> t != null).sorted().toList();
    if (!updates.isEmpty()) {
      Instant resolved = resolvedAt(h);
      Instant updatesEnd = resolved != null ? resolved : end;
      List<Instant> points = new ArrayList<>(updates.stream().filter(t -> !t.isAfter(updatesEnd)).toList());
      points.add(updatesEnd);
      for (int i = 1; i < points.size(); i++) {
        Instant from = points.get(i - 1);
        Instant to = points.get(i);
        Duration cadence = duration(h.valueAt("updateCadence", from));
        if (cadence == null) {
          continue;
        }
        Duration gap = Duration.between(from, to);
        if (gap.compareTo(cadence.plus(updateTolerance)) > 0) {
          boolean last = i == points.size() - 1;
          breaches.add(new Breach("update-gap", "no stakeholder update for " + minutes(gap) + " after " + from
              + (last ? (resolved != null ? " until resolution" : " until now") : "") + "; cadence " + cadence,
              from.plus(cadence), last ? null : to));
        }
      }
    }

    // Target resolution time.
    Instant target = instant(h.variable("targetResolutionAt"));
    Instant resolved = resolvedAt(h);
    if (target != null) {
      Instant actual = resolved != null ? resolved : end;
      if (actual.isAfter(target)) {
        breaches.add(new Breach("target-resolution-missed", resolved != null
            ? "resolved " + minutes(Duration.between(target, resolved)) + " after the target resolution time"
            : "not resolved by the target resolution time", target, resolved));
      }
    }

    // Post-incident review: late, or skipped although mandatory.
    Instant reviewDue = instant(h.variable("reviewDueAt"));
    Instant reviewDone = reviewDoneAt(h);
    if (reviewDone != null && reviewDue != null && reviewDone.isAfter(reviewDue)) {
      breaches.add(new Breach("review-late", "review completed " + minutes(Duration.between(reviewDue, reviewDone))
          + " after its due date", reviewDue, reviewDone));
    } else if (reviewDone == null && "mandatory".equals(h.string("reviewPolicy"))) {
      if (h.closed()) {
        breaches.add(new Breach("review-skipped", "the review is mandatory for " + orDash(h.string("severity"))
            + " but the incident was closed without one", reviewDue, null));
      } else if (reviewDue != null && now.isAfter(reviewDue)) {
        breaches.add(new Breach("review-late", "review not completed, due " + reviewDue, reviewDue, null));
      }
    }
    return breaches;
  }

  // ---------------------------------------------------------------------------------------------
  // Summary and timeline

  private Summary summary(IncidentHistory h, int done, int total, int breaches) {
    return new Summary(h.incidentNumber(), h.string("title"), h.string("service"), h.string("severity"),
        h.string("proposedSeverity"), h.closed() ? "closed" : "open", h.state(), h.drill(), h.string("reporter"),
        h.string("source"), reportedAt(h), acknowledgedAt(h), h.string("acknowledgedBy"),
        h.completed("Task_ApplyWorkaround").map(Step::end).orElse(null), resolvedAt(h), h.endTime(),
        h.string("incidentCommander"), h.string("rootCause"), h.sopVersion(), h.sopVersionTag(),
        h.processInstanceId(), done, total, breaches);
  }

  public List<TimelineEntry> timeline(IncidentHistory h) {
    List<TimelineEntry> entries = new ArrayList<>();
    entries.add(new TimelineEntry(h.startTime(), null, "sop-version", "SOP version " + h.sopVersion()
        + (h.sopVersionTag() == null || h.sopVersionTag().isBlank() ? "" : " (" + h.sopVersionTag() + ")"),
        "process definition " + h.processDefinitionId(), null));

    for (Step s : h.steps()) {
      if (s.name() == null || s.name().isBlank()) {
        continue;
      }
      String kind;
      String detail = null;
      String actor = null;
      switch (s.activityId()) {
        case "Task_RecordAlert" -> {
          kind = "alert";
          detail = "alert correlated";
        }
        case "Task_RecordRecovery" -> {
          kind = "recovery";
          detail = "monitoring reported recovery";
        }
        default -> {
          kind = s.type().contains("Timer") || s.type().contains("timer") ? "timer"
              : s.type().endsWith("Task") || s.type().equals("subProcess") ? "step" : "event";
          if ("userTask".equals(s.type())) {
            actor = s.completedBy() != null ? s.completedBy() : s.assignee();
            detail = s.canceled() ? "cancelled" + (s.assignee() != null ? "; assignee " + s.assignee() : "")
                : s.end() == null ? "open" + (s.assignee() != null ? "; assignee " + s.assignee() : "; unassigned")
                : "completed by " + orDash(s.completedBy())
                    + (s.assignee() != null && !s.assignee().equals(s.completedBy()) ? "; assignee " + s.assignee() : "");
          } else if (s.canceled()) {
            detail = "cancelled";
          }
        }
      }
      entries.add(new TimelineEntry(s.start(), s.end(), kind, s.name(), detail, actor));
    }

    String previousSeverity = null;
    for (VariableChange c : h.changes()) {
      switch (c.name()) {
        case "severity" -> {
          String value = String.valueOf(c.value());
          if (!value.equals(previousSeverity)) {
            Object reason = h.valueAt("severityOverrideReason", c.time().plusMillis(1));
            Object decidedBy = h.valueAt("severityDecidedBy", c.time().plusMillis(1));
            entries.add(new TimelineEntry(c.time(), null, "severity",
                previousSeverity == null ? "Severity " + value + " proposed" : "Severity " + previousSeverity + " → " + value,
                previousSeverity == null ? "from decision incident-severity"
                    : reason == null ? null : "reason: " + reason,
                previousSeverity == null ? null : decidedBy == null ? null : decidedBy.toString()));
          }
          previousSeverity = value;
        }
        case "severityConfirmed" -> {
          Object severityNow = h.valueAt("severity", c.time().plusMillis(1));
          Object overridden = h.valueAt("severityOverridden", c.time().plusMillis(1));
          if (Boolean.TRUE.equals(c.value()) && !Boolean.TRUE.equals(overridden)) {
            Object decidedBy = h.valueAt("severityDecidedBy", c.time().plusMillis(1));
            entries.add(new TimelineEntry(c.time(), null, "severity", "Severity " + severityNow + " confirmed",
                null, decidedBy == null ? null : decidedBy.toString()));
          }
        }
        case "statusNote" -> {
          if (c.value() != null) {
            entries.add(new TimelineEntry(c.time(), null, "status-note", "Status note", c.value().toString(),
                stepCompleter(h, c)));
          }
        }
        case "alertCount", "recoveryReportedAt" -> {
          // the alert and recovery steps carry these
        }
        default -> {
        }
      }
    }

    for (Notification n : h.notifications()) {
      entries.add(new TimelineEntry(n.sentAt(), null, "notification",
          "Notification " + orDash(n.template()) + " sent", notificationEvidence(n), null));
    }

    for (IncidentHistory.UserOperation op : h.operations()) {
      if ("Complete".equals(op.operationType()) || "Create".equals(op.operationType())) {
        continue; // completions are on the steps; creation is the start
      }
      String what = op.operationType() + (op.stepName() != null ? " " + op.stepName() : "")
          + (op.entityType() != null && op.stepName() == null ? " (" + op.entityType() + ")" : "");
      String change = op.property() == null ? null
          : op.property() + ": " + orDash(op.orgValue()) + " → " + orDash(op.newValue());
      entries.add(new TimelineEntry(op.time(), null, "user-operation", what, change, op.userId()));
    }

    entries.sort(Comparator.comparing(TimelineEntry::time, Comparator.nullsLast(Comparator.naturalOrder())));
    return entries;
  }

  /** Who wrote a status note: the completer of its task, found by task id or else by completion time. */
  private static String stepCompleter(IncidentHistory h, VariableChange change) {
    return h.steps().stream()
        .filter(s -> change.taskId() != null ? change.taskId().equals(s.taskId())
            : "Task_ProvideStatusUpdate".equals(s.activityId()) && s.end() != null
                && Math.abs(Duration.between(s.end(), change.time()).toMillis()) < 1000)
        .map(s -> s.completedBy() != null ? s.completedBy() : s.assignee())
        .filter(a -> a != null).findFirst().orElse(null);
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    String text = value.toString().trim();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  static Duration duration(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return Duration.parse(value.toString());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String minutes(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 120) {
      return minutes + " min";
    }
    long hours = d.toHours();
    return hours < 48 ? hours + " h " + (minutes - hours * 60) + " min" : d.toDays() + " d " + (hours - d.toDays() * 24) + " h";
  }

  private static String join(String... parts) {
    List<String> present = new ArrayList<>();
    for (String part : parts) {
      if (part != null && !part.isBlank()) {
        present.add(part);
      }
    }
    return String.join("; ", present);
  }

  private static String quoted(String text) {
    return text == null ? null : "\"" + text + "\"";
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "—" : text;
  }

  private static String orElse(String first, String second) {
    return first != null ? first : second;
  }
}
