package org.incidentresponse.audit;

import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_COMPLETE;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_CREATE;
import static org.incidentresponse.audit.Wording.orDash;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.ActivityTypes;
import org.incidentresponse.audit.IncidentHistory.Delivery;
import org.incidentresponse.audit.IncidentHistory.Migration;
import org.incidentresponse.audit.IncidentHistory.Notification;
import org.incidentresponse.audit.IncidentHistory.Step;
import org.incidentresponse.audit.IncidentHistory.UserOperation;
import org.incidentresponse.audit.IncidentHistory.VariableChange;
import org.incidentresponse.audit.IncidentReport.TimelineEntry;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.Sop;
import org.incidentresponse.sop.SopActivity;

/**
 * What happened in an incident, in time order: the SOP version it started on and its migrations to others, its steps, timers and
 * events, the severity as proposed, overridden or confirmed, status notes, notifications with their
 * chat and webhook deliveries, and what users did through Tasklist or Cockpit.
 */
public final class Timeline {

  /** What an entry is; the id is the name in lower case with dashes ({@code status-note}). */
  public enum Kind {
    SOP_VERSION, STEP, TIMER, EVENT, SEVERITY, NOTIFICATION, DELIVERY, ALERT, RECOVERY, STATUS_NOTE, USER_OPERATION,
    SOP_MIGRATION;

    public String id() {
      return Wording.id(this);
    }
  }

  private Timeline() {}

  /** The entries sorted by time (stable: at the same moment, in the order above); entries without a time last. */
  public static List<TimelineEntry> of(IncidentHistory h) {
    List<TimelineEntry> entries = new ArrayList<>();
    entries.add(sopVersion(h));
    h.migrations().stream().map(Timeline::migration).forEach(entries::add);
    h.steps().stream().filter(s -> s.name() != null && !s.name().isBlank()).map(Timeline::step).forEach(entries::add);
    entries.addAll(severityAndStatusNotes(h));
    h.notifications().stream().map(Timeline::notification).forEach(entries::add);
    h.deliveries().stream().map(Timeline::delivery).forEach(entries::add);
    h.operations().stream()
        // completions are on the steps; creation is the start
        .filter(op -> !OPERATION_TYPE_COMPLETE.equals(op.operationType()) && !OPERATION_TYPE_CREATE.equals(op.operationType()))
        .map(Timeline::operation).forEach(entries::add);
    entries.sort(Comparator.comparing(TimelineEntry::time, Comparator.nullsLast(Comparator.naturalOrder())));
    return entries;
  }

  private static TimelineEntry sopVersion(IncidentHistory h) {
    if (!h.migrations().isEmpty()) {
      // The tag and definition are the current version's; the start is the version before the first migration.
      return entry(h.startTime(), null, Kind.SOP_VERSION, "SOP version " + h.startVersion(),
          "ran on versions " + versions(h), null);
    }
    String tag = h.sopVersionTag() == null || h.sopVersionTag().isBlank() ? "" : " (" + h.sopVersionTag() + ")";
    return entry(h.startTime(), null, Kind.SOP_VERSION, "SOP version " + h.sopVersion() + tag,
        "process definition " + h.processDefinitionId(), null);
  }

  /** Who moved the running incident to which version, and when. */
  private static TimelineEntry migration(Migration m) {
    return entry(m.time(), null, Kind.SOP_MIGRATION,
        "SOP migrated from version " + m.fromVersion() + " to version " + m.toVersion(), "by " + orDash(m.userId()),
        m.userId());
  }

  /** {@code 3 → 4 → 5}. */
  static String versions(IncidentHistory h) {
    return String.join(" → ", h.sopVersions().stream().map(String::valueOf).toList());
  }

  private static TimelineEntry step(Step s) {
    if (s.is(SopActivity.Task_RecordAlert)) {
      return entry(s.start(), s.end(), Kind.ALERT, s.name(), "alert correlated", null);
    }
    if (s.is(SopActivity.Task_RecordRecovery)) {
      return entry(s.start(), s.end(), Kind.RECOVERY, s.name(), "monitoring reported recovery", null);
    }
    String type = s.type();
    Kind kind = type.contains("Timer") || type.contains("timer") ? Kind.TIMER
        : type.endsWith("Task") || type.equals(ActivityTypes.SUB_PROCESS) ? Kind.STEP : Kind.EVENT;
    if (ActivityTypes.TASK_USER_TASK.equals(type)) {
      String assignee = s.assignee() != null ? "; assignee " + s.assignee() : "";
      String detail = s.canceled() ? "cancelled" + assignee
          : s.end() == null ? "open" + (s.assignee() != null ? assignee : "; unassigned")
          : "completed by " + orDash(s.completedBy())
              + (s.assignee() != null && !s.assignee().equals(s.completedBy()) ? assignee : "");
      return entry(s.start(), s.end(), kind, s.name(), detail, s.completedBy() != null ? s.completedBy() : s.assignee());
    }
    return entry(s.start(), s.end(), kind, s.name(), s.canceled() ? "cancelled" : null, null);
  }

  /**
   * The severity as it changed: proposed by the decision, overridden with a reason, or confirmed,
   * each by whom; and the responders' status notes with their author.
   */
  private static List<TimelineEntry> severityAndStatusNotes(IncidentHistory h) {
    List<TimelineEntry> entries = new ArrayList<>();
    String previousSeverity = null;
    for (VariableChange c : h.changes()) {
      Optional<IncidentVariable> variable = c.variable();
      if (variable.isEmpty()) {
        continue;
      }
      // The other variables of the same form submission, written in the same transaction.
      Instant justAfter = c.time().plusMillis(1);
      switch (variable.get()) {
        case SEVERITY -> {
          String value = String.valueOf(c.value());
          if (!value.equals(previousSeverity)) {
            entries.add(previousSeverity == null
                ? entry(c.time(), null, Kind.SEVERITY, "Severity " + value + " proposed",
                    "from decision " + Sop.DECISION_SEVERITY, null)
                : entry(c.time(), null, Kind.SEVERITY, "Severity " + previousSeverity + " → " + value,
                    text(h.valueAt(IncidentVariable.SEVERITY_OVERRIDE_REASON, justAfter), "reason: "),
                    text(h.valueAt(IncidentVariable.SEVERITY_DECIDED_BY, justAfter), "")));
          }
          previousSeverity = value;
        }
        case SEVERITY_CONFIRMED -> {
          Object overridden = h.valueAt(IncidentVariable.SEVERITY_OVERRIDDEN, justAfter);
          if (Boolean.TRUE.equals(c.value()) && !Boolean.TRUE.equals(overridden)) {
            entries.add(entry(c.time(), null, Kind.SEVERITY,
                "Severity " + h.valueAt(IncidentVariable.SEVERITY, justAfter) + " confirmed", null,
                text(h.valueAt(IncidentVariable.SEVERITY_DECIDED_BY, justAfter), "")));
          }
        }
        case STATUS_NOTE -> {
          if (c.value() != null) {
            entries.add(entry(c.time(), null, Kind.STATUS_NOTE, "Status note", c.value().toString(), author(h, c)));
          }
        }
        default -> {
          // shown through their steps (alerts, recovery) or in the checklist
        }
      }
    }
    return entries;
  }

  /** Who wrote a status note: the completer of its task, found by task id or else by completion time. */
  private static String author(IncidentHistory h, VariableChange note) {
    return h.steps().stream()
        .filter(s -> note.taskId() != null ? note.taskId().equals(s.taskId())
            : s.is(SopActivity.Task_ProvideStatusUpdate) && s.end() != null
                && Math.abs(Duration.between(s.end(), note.time()).toMillis()) < 1000)
        .map(s -> s.completedBy() != null ? s.completedBy() : s.assignee())
        .filter(Objects::nonNull).findFirst().orElse(null);
  }

  private static TimelineEntry notification(Notification n) {
    return entry(n.sentAt(), null, Kind.NOTIFICATION, "Notification " + orDash(n.template()) + " sent",
        Wording.notification(n), null);
  }

  /** A chat message or webhook event: where it went and how it ended, never the channel's URL. */
  private static TimelineEntry delivery(Delivery d) {
    String attempts = d.attempts() == 1 ? "1 attempt" : d.attempts() + " attempts";
    return entry(d.time(), null, Kind.DELIVERY, "Notification " + orDash(d.template()) + " " + d.outcome()
        + " to " + orDash(d.channel()), Wording.join(attempts, d.detail()), null);
  }

  private static TimelineEntry operation(UserOperation op) {
    String what = op.operationType() + (op.stepName() != null ? " " + op.stepName() : "")
        + (op.entityType() != null && op.stepName() == null ? " (" + op.entityType() + ")" : "");
    String change = op.property() == null ? null
        : op.property() + ": " + orDash(op.orgValue()) + " → " + orDash(op.newValue());
    return entry(op.time(), null, Kind.USER_OPERATION, what, change, op.userId());
  }

  private static String text(Object value, String prefix) {
    return value == null ? null : prefix + value;
  }

  private static TimelineEntry entry(Instant time, Instant end, Kind kind, String title, String detail, String actor) {
    return new TimelineEntry(time, end, kind.id(), title, detail, actor);
  }
}
