package org.incidentresponse.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ActivityTypes;
import org.incidentresponse.audit.IncidentHistory.Notification;
import org.incidentresponse.audit.IncidentHistory.Step;
import org.incidentresponse.audit.IncidentHistory.UserOperation;
import org.incidentresponse.audit.IncidentHistory.VariableChange;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.NotificationTemplate;
import org.incidentresponse.sop.SopActivity;

/**
 * An {@link IncidentHistory} written by hand, for the audit's rules without an engine: an incident
 * started at {@link #T0}, its steps, variable changes, notifications and user operations added in
 * the order the engine would record them. Moments are given as minutes after T0.
 */
final class HistoryBuilder {

  static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");
  static final String NUMBER = "INC-2027-0001";

  private Instant start = T0;
  private Instant end;
  private String state = "ACTIVE";
  private int sopVersion = 1;
  private String sopVersionTag = "";
  private final Map<String, Object> variables = new LinkedHashMap<>();
  private final List<Step> steps = new ArrayList<>();
  private final List<VariableChange> changes = new ArrayList<>();
  private final List<Notification> notifications = new ArrayList<>();
  private final List<UserOperation> operations = new ArrayList<>();
  private final List<IncidentHistory.Migration> migrations = new ArrayList<>();
  private final List<IncidentHistory.Acknowledgement> acknowledgements = new ArrayList<>();
  private int tasks;

  private HistoryBuilder() {}

  /** An incident started at T0, with nothing done yet. */
  static HistoryBuilder incident() {
    return new HistoryBuilder();
  }

  /** T0 plus so many minutes. */
  static Instant minute(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  /**
   * A SEV1 handled by the book, as the SOP records it: reported at T0, acknowledged at once, classified
   * (confirmed) at +2, stakeholders told at +2, team at +3, timeline at +4 (target resolution 12:00),
   * workaround at +30, an update at +32, resolved at +50, reviewed a day later and closed.
   */
  static HistoryBuilder compliantSev1() {
    Instant reviewed = minute(50).plus(Duration.ofDays(1));
    return incident()
        .set(IncidentVariable.TITLE, "Payments down").set(IncidentVariable.SERVICE, "payments")
        .set(IncidentVariable.SOURCE, "tasklist").set(IncidentVariable.REPORTER, "reporter")
        .set(IncidentVariable.IMPACT, "high").set(IncidentVariable.URGENCY, "high")
        .set(IncidentVariable.CUSTOMER_IMPACT, true).set(IncidentVariable.REPORTED_AT, Date.from(T0))
        .event(SopActivity.StartEvent_IncidentReported, T0)
        .serviceTask(SopActivity.Task_LogIncident, T0)
        .change(T0, IncidentVariable.PROPOSED_SEVERITY, "SEV1")
        .change(T0, IncidentVariable.SEVERITY, "SEV1")
        .change(T0, IncidentVariable.ACK_TIMEOUT, "PT5M")
        .change(T0, IncidentVariable.UPDATE_CADENCE, "PT30M")
        .change(T0, IncidentVariable.REVIEW_POLICY, "mandatory")
        .userTask(SopActivity.Task_TriageIncident, T0, minute(1), "responder")
        .set(IncidentVariable.ACKNOWLEDGED_AT, Date.from(T0)).set(IncidentVariable.ACKNOWLEDGED_BY, "responder")
        .userTask(SopActivity.Task_ClassifyIncident, minute(1), minute(2), "commander")
        .change(minute(2), IncidentVariable.SEVERITY, "SEV1")
        .change(minute(2), IncidentVariable.SEVERITY_CONFIRMED, true)
        .change(minute(2), IncidentVariable.SEVERITY_OVERRIDDEN, false)
        .change(minute(2), IncidentVariable.SEVERITY_DECIDED_BY, "commander")
        .serviceTask(SopActivity.Task_NotifyStakeholders, minute(2))
        .notification(minute(2), NotificationTemplate.INITIAL, SopActivity.Task_NotifyStakeholders)
        .userTask(SopActivity.Task_AssignResponseTeam, minute(2), minute(3), "commander")
        .set(IncidentVariable.INCIDENT_COMMANDER, "commander").set(IncidentVariable.RESPONSE_TEAM, "responder")
        .set(IncidentVariable.COMMUNICATIONS_LEAD, "comms")
        .userTask(SopActivity.Task_EstablishTimeline, minute(3), minute(4), "commander")
        .set(IncidentVariable.TARGET_MITIGATION_AT, "2027-03-01T10:30Z")
        .set(IncidentVariable.TARGET_RESOLUTION_AT, "2027-03-01T12:00Z")
        .set(IncidentVariable.WORKAROUND_NEEDED, true)
        .serviceTask(SopActivity.Task_CommunicateTimeline, minute(4))
        .notification(minute(4), NotificationTemplate.TIMELINE, SopActivity.Task_CommunicateTimeline)
        .userTask(SopActivity.Task_ApplyWorkaround, minute(4), minute(30), "responder")
        .set(IncidentVariable.WORKAROUND_DESCRIPTION, "Failed over")
        .notification(minute(30), NotificationTemplate.MITIGATED, SopActivity.Task_NotifyMitigated)
        .notification(minute(32), NotificationTemplate.UPDATE, SopActivity.Task_SendStakeholderUpdate)
        .userTask(SopActivity.Task_ResolveIncident, minute(30), minute(50), "responder")
        .set(IncidentVariable.ROOT_CAUSE, "Expired TLS certificate").set(IncidentVariable.RESOLUTION_SUMMARY, "Renewed")
        .notification(minute(50), NotificationTemplate.RESOLVED, SopActivity.Task_NotifyResolved)
        .set(IncidentVariable.REVIEW_DUE_AT, Date.from(minute(50).plus(Duration.ofDays(3))))
        .userTask(SopActivity.Task_ConductPostIncidentReview, minute(50), reviewed, "commander")
        .set(IncidentVariable.REVIEW_LESSONS_LEARNED, "Alert before expiry")
        .set(IncidentVariable.REVIEW_ACTION_ITEMS, "Add expiry alert")
        .notification(reviewed, NotificationTemplate.CLOSED, SopActivity.Task_NotifyClosed)
        .closedAt(reviewed);
  }

  // ---- the process instance

  HistoryBuilder sopVersion(int version, String tag) {
    this.sopVersion = version;
    this.sopVersionTag = tag;
    return this;
  }

  HistoryBuilder closedAt(Instant end) {
    this.end = end;
    this.state = "COMPLETED";
    return this;
  }

  HistoryBuilder open() {
    this.end = null;
    this.state = "ACTIVE";
    return this;
  }

  // ---- variables

  /** The variable's latest value, without a recorded change. */
  HistoryBuilder set(IncidentVariable variable, Object value) {
    variables.put(variable.id(), value);
    return this;
  }

  HistoryBuilder remove(IncidentVariable variable) {
    variables.remove(variable.id());
    return this;
  }

  /** A recorded update of the variable, which also becomes its latest value. */
  HistoryBuilder change(Instant at, IncidentVariable variable, Object value) {
    return change(at, variable, value, null);
  }

  /** A recorded update of a variable outside the SOP's contract, e.g. the review's {@code actionItems}. */
  HistoryBuilder change(Instant at, String name, Object value) {
    changes.add(new VariableChange(name, value, at, null));
    variables.put(name, value);
    return this;
  }

  HistoryBuilder change(Instant at, IncidentVariable variable, Object value, String taskId) {
    changes.add(new VariableChange(variable.id(), value, at, taskId));
    variables.put(variable.id(), value);
    return this;
  }

  HistoryBuilder drill() {
    return set(IncidentVariable.DRILL, true);
  }

  // ---- steps

  /** A user task completed by the user it was assigned to; its task id is {@link #lastTaskId()}. */
  HistoryBuilder userTask(SopActivity activity, Instant start, Instant end, String user) {
    return step(new Step(activity.id(), name(activity), ActivityTypes.TASK_USER_TASK, start, end, user,
        end == null ? null : user, false, nextTaskId()));
  }

  /** A user task still open, assigned or not (assignee null). */
  HistoryBuilder openTask(SopActivity activity, Instant start, String assignee) {
    return step(new Step(activity.id(), name(activity), ActivityTypes.TASK_USER_TASK, start, null, assignee, null,
        false, nextTaskId()));
  }

  /** A user task cancelled by an event or a modification. */
  HistoryBuilder cancelledTask(SopActivity activity, Instant start, Instant end, String assignee) {
    return step(new Step(activity.id(), name(activity), ActivityTypes.TASK_USER_TASK, start, end, assignee, null,
        true, nextTaskId()));
  }

  HistoryBuilder serviceTask(SopActivity activity, Instant at) {
    return step(new Step(activity.id(), name(activity), ActivityTypes.TASK_SERVICE, at, at, null, null, false, null));
  }

  HistoryBuilder timer(SopActivity activity, Instant at) {
    return step(new Step(activity.id(), name(activity), ActivityTypes.BOUNDARY_TIMER, at, at, null, null, false, null));
  }

  HistoryBuilder event(SopActivity activity, Instant at) {
    return step(new Step(activity.id(), name(activity), ActivityTypes.START_EVENT, at, at, null, null, false, null));
  }

  HistoryBuilder step(Step step) {
    steps.add(step);
    return this;
  }

  /** Forgets every instance of a step, as if the SOP had not got there. */
  HistoryBuilder without(SopActivity activity) {
    steps.removeIf(s -> s.is(activity));
    return this;
  }

  String lastTaskId() {
    return "task-" + tasks;
  }

  private String nextTaskId() {
    return "task-" + ++tasks;
  }

  /** The name Modeler shows: {@code Task_TriageIncident} → {@code Triage incident}. */
  static String name(SopActivity activity) {
    String words = activity.id().substring(activity.id().indexOf('_') + 1).replaceAll("([a-z])([A-Z])", "$1 $2");
    return words.charAt(0) + words.substring(1).toLowerCase();
  }

  // ---- notifications and the operation log

  /** A notification to stakeholders@example.org by smtp, subject {@code [INC-2027-0001] <template>}. */
  HistoryBuilder notification(Instant sentAt, NotificationTemplate template, SopActivity by) {
    return notification(new Notification(template.id(), "[" + NUMBER + "] " + template.id(),
        List.of("stakeholders@example.org"), "smtp", sentAt, by == null ? null : by.id()));
  }

  HistoryBuilder notification(Notification notification) {
    notifications.add(notification);
    return this;
  }

  /** A user's operation on the task of a step, e.g. Claim or Assign. */
  HistoryBuilder operation(Instant at, String user, String type, SopActivity onTask) {
    return operation(new UserOperation(at, user, type, "Task", null, null, null, name(onTask)));
  }

  HistoryBuilder operation(UserOperation operation) {
    operations.add(operation);
    return this;
  }

  /** The running incident moved by {@code user} from version {@code from} to {@code to}, which it now runs on. */
  HistoryBuilder migrated(Instant at, String user, int from, int to) {
    migrations.add(new IncidentHistory.Migration(at, user, from, to));
    this.sopVersion = to;
    return this;
  }

  /** Whether {@code user} had acknowledged SOP {@code version}, as the engine's history would say. */
  HistoryBuilder acknowledgement(String user, int version, String status, Instant at) {
    acknowledgements.add(new IncidentHistory.Acknowledgement(user, version, status, at));
    return this;
  }

  IncidentHistory build() {
    return new IncidentHistory("pi-1", NUMBER, "incident-response:" + sopVersion + ":def", sopVersion, sopVersionTag,
        start, end, state, new LinkedHashMap<>(variables), List.copyOf(steps), List.copyOf(changes),
        List.copyOf(notifications), List.copyOf(operations), List.of(), List.copyOf(migrations),
        List.copyOf(acknowledgements));
  }
}
