package org.incidentresponse.audit;

import static org.incidentresponse.audit.Wording.join;
import static org.incidentresponse.audit.Wording.orDash;
import static org.incidentresponse.audit.Wording.quoted;
import static org.incidentresponse.sop.IncidentVariable.ACTION_ITEMS;
import static org.incidentresponse.sop.IncidentVariable.COMMUNICATIONS_LEAD;
import static org.incidentresponse.sop.IncidentVariable.CUSTOMER_IMPACT;
import static org.incidentresponse.sop.IncidentVariable.IMPACT;
import static org.incidentresponse.sop.IncidentVariable.INCIDENT_COMMANDER;
import static org.incidentresponse.sop.IncidentVariable.ON_CALL_PRIMARY;
import static org.incidentresponse.sop.IncidentVariable.ON_CALL_TEAM_NAME;
import static org.incidentresponse.sop.IncidentVariable.PROPOSED_SEVERITY;
import static org.incidentresponse.sop.IncidentVariable.REPORTER;
import static org.incidentresponse.sop.IncidentVariable.RESOLUTION_SUMMARY;
import static org.incidentresponse.sop.IncidentVariable.RESPONSE_TEAM;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_ACTION_ITEMS;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_DECISION_REASON;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_DUE_AT;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_LESSONS_LEARNED;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_SUMMARY;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_WANTED;
import static org.incidentresponse.sop.IncidentVariable.ROOT_CAUSE;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY_DECIDED_BY;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY_OVERRIDDEN;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY_OVERRIDE_REASON;
import static org.incidentresponse.sop.IncidentVariable.SOURCE;
import static org.incidentresponse.sop.IncidentVariable.TARGET_MITIGATION_AT;
import static org.incidentresponse.sop.IncidentVariable.TARGET_RESOLUTION_AT;
import static org.incidentresponse.sop.IncidentVariable.TITLE;
import static org.incidentresponse.sop.IncidentVariable.URGENCY;
import static org.incidentresponse.sop.IncidentVariable.WORKAROUND_DESCRIPTION;
import static org.incidentresponse.sop.IncidentVariable.WORKAROUND_NEEDED;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.incidentresponse.audit.IncidentHistory.Step;
import org.incidentresponse.audit.IncidentReport.ChecklistItem;
import org.incidentresponse.sop.ActionItem;
import org.incidentresponse.sop.NotificationTemplate;
import org.incidentresponse.sop.SopActivity;

/**
 * The SOP's eight steps as a checklist: for each, whether the history shows it done, by whom, when,
 * and the evidence. Late is still done: how late is for {@link Breaches}.
 */
public final class Checklist {

  /** The items, in the SOP's order; the key is the name in lower case with dashes ({@code identify-and-log}). */
  public enum Item {
    IDENTIFY_AND_LOG("Identify and log"),
    CLASSIFY("Classify severity and impact"),
    NOTIFY_STAKEHOLDERS("Notify stakeholders"),
    ASSIGN_TEAM("Assign team members"),
    TIMELINE("Establish and communicate a response timeline"),
    INTERIM_SOLUTION("Interim solution if needed"),
    FULL_RESOLUTION("Full resolution"),
    POST_INCIDENT_ANALYSIS("Post-incident analysis");

    private final String label;

    Item(String label) {
      this.label = label;
    }

    public int number() {
      return ordinal() + 1;
    }

    public String key() {
      return Wording.id(this);
    }

    public String label() {
      return label;
    }
  }

  /** An item's status; {@link #MISSING} for a closed incident, {@link #PENDING} while it is open. */
  public enum Status {
    DONE, NOT_NEEDED, NOT_REQUIRED, MISSING, PENDING;

    public String id() {
      return Wording.id(this);
    }

    /** The SOP is satisfied: the step was done, or the SOP did not ask for it. */
    public boolean satisfied() {
      return this == DONE || this == NOT_NEEDED || this == NOT_REQUIRED;
    }

    public static Optional<Status> byId(String id) {
      for (Status status : values()) {
        if (status.id().equals(id)) {
          return Optional.of(status);
        }
      }
      return Optional.empty();
    }
  }

  private final IncidentHistory h;
  private final KeyTimes times;
  private final Status absent;

  private Checklist(IncidentHistory h, KeyTimes times) {
    this.h = h;
    this.times = times;
    this.absent = h.closed() ? Status.MISSING : Status.PENDING;
  }

  /** The eight items of one incident, in order. */
  public static List<ChecklistItem> of(IncidentHistory h, KeyTimes times) {
    Checklist checklist = new Checklist(h, times);
    return List.of(checklist.identifyAndLog(), checklist.classify(), checklist.notifyStakeholders(),
        checklist.assignTeam(), checklist.timeline(), checklist.interimSolution(), checklist.fullResolution(),
        checklist.postIncidentAnalysis());
  }

  private ChecklistItem identifyAndLog() {
    return h.completed(SopActivity.Task_LogIncident)
        .map(s -> done(Item.IDENTIFY_AND_LOG, h.string(REPORTER), s.end(),
            join(h.incidentNumber(), "reported via " + orDash(h.string(SOURCE)), "at " + times.reportedAt(),
                quoted(h.string(TITLE)))))
        .orElse(absent(Item.IDENTIFY_AND_LOG, notCompleted(SopActivity.Task_LogIncident)));
  }

  private ChecklistItem classify() {
    String severity = h.string(SEVERITY);
    return h.completed(SopActivity.Task_ClassifyIncident).filter(s -> severity != null)
        .map(s -> done(Item.CLASSIFY, Optional.ofNullable(h.string(SEVERITY_DECIDED_BY)).orElse(s.completedBy()),
            s.end(), severityEvidence(severity)))
        .orElse(absent(Item.CLASSIFY,
            notCompleted(SopActivity.Task_ClassifyIncident) + "; proposed " + orDash(h.string(PROPOSED_SEVERITY))));
  }

  private String severityEvidence(String severity) {
    StringBuilder text = new StringBuilder(severity).append(" (proposed ").append(orDash(h.string(PROPOSED_SEVERITY)));
    if (h.isTrue(SEVERITY_OVERRIDDEN)) {
      text.append(", overridden: ").append(orDash(h.string(SEVERITY_OVERRIDE_REASON)));
    } else {
      text.append(", confirmed");
    }
    return text.append("); impact ").append(orDash(h.string(IMPACT))).append(", urgency ").append(orDash(h.string(URGENCY)))
        .append(", customer impact ").append(h.isTrue(CUSTOMER_IMPACT) ? "yes" : "no").toString();
  }

  private ChecklistItem notifyStakeholders() {
    return h.notifications().stream()
        .filter(n -> n.is(NotificationTemplate.INITIAL) || SopActivity.Task_NotifyStakeholders.id().equals(n.activityId()))
        .findFirst()
        .map(n -> done(Item.NOTIFY_STAKEHOLDERS, "sendNotification", n.sentAt(), Wording.notification(n)))
        .orElse(absent(Item.NOTIFY_STAKEHOLDERS, "no notification recorded by " + SopActivity.Task_NotifyStakeholders.id()));
  }

  /** The catalog team the incident was routed to and who was on call then; null (left out) without a team. */
  private String onCall() {
    String team = h.string(ON_CALL_TEAM_NAME);
    return team == null ? null : "on-call team " + team + ", on call " + orDash(h.string(ON_CALL_PRIMARY));
  }

  private ChecklistItem assignTeam() {
    Optional<Step> assign = h.completed(SopActivity.Task_AssignResponseTeam);
    String commander = h.string(INCIDENT_COMMANDER);
    return assign.filter(s -> commander != null && !commander.isBlank())
        .map(s -> done(Item.ASSIGN_TEAM, s.completedBy(), s.end(),
            join("commander " + commander, "team " + orDash(h.string(RESPONSE_TEAM)),
                "communications " + orDash(h.string(COMMUNICATIONS_LEAD)), onCall())))
        .orElse(absent(Item.ASSIGN_TEAM,
            assign.isPresent() ? "no incident commander named" : notCompleted(SopActivity.Task_AssignResponseTeam)));
  }

  private ChecklistItem timeline() {
    Optional<Step> establish = h.completed(SopActivity.Task_EstablishTimeline);
    Optional<Step> communicate = h.completed(SopActivity.Task_CommunicateTimeline);
    if (establish.isPresent() && communicate.isPresent()) {
      return done(Item.TIMELINE, establish.get().completedBy(), communicate.get().end(),
          join("target mitigation " + orDash(h.string(TARGET_MITIGATION_AT)),
              "target resolution " + orDash(h.string(TARGET_RESOLUTION_AT)), "communicated " + communicate.get().end()));
    }
    return absent(Item.TIMELINE, establish.isPresent()
        ? "timeline set but not communicated (" + SopActivity.Task_CommunicateTimeline.id() + ")"
        : notCompleted(SopActivity.Task_EstablishTimeline));
  }

  private ChecklistItem interimSolution() {
    Optional<Step> workaround = h.completed(SopActivity.Task_ApplyWorkaround);
    Optional<Step> establish = h.completed(SopActivity.Task_EstablishTimeline);
    if (workaround.isPresent()) {
      return done(Item.INTERIM_SOLUTION, workaround.get().completedBy(), workaround.get().end(),
          "workaround: " + orDash(h.string(WORKAROUND_DESCRIPTION)));
    }
    if (Boolean.FALSE.equals(h.variable(WORKAROUND_NEEDED)) && establish.isPresent()) {
      return item(Item.INTERIM_SOLUTION, Status.NOT_NEEDED, establish.get().completedBy(), establish.get().end(),
          "the commander planned no workaround (workaroundNeeded = false)");
    }
    return absent(Item.INTERIM_SOLUTION, h.isTrue(WORKAROUND_NEEDED)
        ? "workaround planned, " + notCompleted(SopActivity.Task_ApplyWorkaround) : "not decided yet");
  }

  private ChecklistItem fullResolution() {
    Optional<Step> resolve = h.completed(SopActivity.Task_ResolveIncident);
    String rootCause = h.string(ROOT_CAUSE);
    return resolve.filter(s -> rootCause != null && !rootCause.isBlank())
        .map(s -> done(Item.FULL_RESOLUTION, s.completedBy(), s.end(),
            join("root cause: " + rootCause, "summary: " + orDash(h.string(RESOLUTION_SUMMARY)))))
        .orElse(absent(Item.FULL_RESOLUTION,
            resolve.isPresent() ? "resolved without a root cause" : notCompleted(SopActivity.Task_ResolveIncident)));
  }

  private ChecklistItem postIncidentAnalysis() {
    Optional<Step> review = h.completed(SopActivity.Task_ConductPostIncidentReview);
    Optional<Step> decide = h.completed(SopActivity.Task_DecideReview);
    if (review.isPresent()) {
      List<ActionItem> items = actionItems();
      if (h.variable(ACTION_ITEMS) == null && h.string(REVIEW_LESSONS_LEARNED) != null) {
        // A review completed on the free-text form, before the structured review.
        return done(Item.POST_INCIDENT_ANALYSIS, review.get().completedBy(), review.get().end(),
            join("due " + orDash(h.string(REVIEW_DUE_AT)), "lessons learned: " + orDash(h.string(REVIEW_LESSONS_LEARNED)),
                "action items: " + orDash(h.string(REVIEW_ACTION_ITEMS))));
      }
      return done(Item.POST_INCIDENT_ANALYSIS, review.get().completedBy(), review.get().end(),
          join("due " + orDash(h.string(REVIEW_DUE_AT)), "summary: " + orDash(h.string(REVIEW_SUMMARY)),
              "action items: " + (items.isEmpty() ? "none" : items.size() + " (" + String.join(", ",
                  items.stream().map(i -> orDash(i.title()) + " — " + orDash(i.owner()) + " — " + orDash(i.dueDate()))
                      .toList()) + ")")));
    }
    if (h.reviewOptional() && Boolean.FALSE.equals(h.variable(REVIEW_WANTED)) && decide.isPresent()) {
      return item(Item.POST_INCIDENT_ANALYSIS, Status.NOT_REQUIRED, decide.get().completedBy(), decide.get().end(),
          "review optional for " + orDash(h.string(SEVERITY)) + ", not wanted: " + orDash(h.string(REVIEW_DECISION_REASON)));
    }
    return absent(Item.POST_INCIDENT_ANALYSIS,
        h.reviewMandatory() ? "mandatory review not completed" : notCompleted(SopActivity.Task_ConductPostIncidentReview));
  }

  /** The review's action items; none when the variable cannot be read. */
  private List<ActionItem> actionItems() {
    try {
      return ActionItem.listOf(h.variable(ACTION_ITEMS));
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  private static String notCompleted(SopActivity step) {
    return step.id() + " not completed";
  }

  private static ChecklistItem done(Item item, String by, Instant at, String evidence) {
    return item(item, Status.DONE, by, at, evidence);
  }

  private ChecklistItem absent(Item item, String evidence) {
    return item(item, absent, null, null, evidence);
  }

  private static ChecklistItem item(Item item, Status status, String by, Instant at, String evidence) {
    return new ChecklistItem(item.number(), item.key(), item.label(), status.id(), by, at, evidence);
  }
}
