package org.incidentresponse.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.incidentresponse.sop.NotificationRecord;
import org.incidentresponse.sop.NotificationTemplate;
import org.incidentresponse.sop.ReviewPolicy;
import org.incidentresponse.sop.Severity;
import org.incidentresponse.sop.SopActivity;

/**
 * Everything the engine recorded about one incident, in plain values: read from Camunda's history
 * by {@link CamundaIncidentHistory}, judged by {@link Checklist}, {@link Breaches} and {@link Timeline}.
 * Nothing here knows Camunda, so the rules can be tested on histories built by hand.
 *
 * @param variables the latest value of each process-level variable, by {@link IncidentVariable} name
 * @param steps activity instances in start order (tasks, events, timers; no gateways)
 * @param changes updates of process-level variables in time order
 * @param notifications every notification recorded by {@code sendNotification}
 * @param operations user operations (claims, assignments, completions, modifications, retries ...)
 * @param deliveries the notification's chat messages and webhook events, each delivered by its own process
 * @param migrations the moves of the running incident from one SOP version to another, in time order
 * @param acknowledgements for each person who worked on it and each SOP version it ran on, whether they
 *     had acknowledged that version
 */
public record IncidentHistory(
    String processInstanceId,
    String incidentNumber,
    String processDefinitionId,
    int sopVersion,
    String sopVersionTag,
    Instant startTime,
    Instant endTime,
    String state,
    Map<String, Object> variables,
    List<Step> steps,
    List<VariableChange> changes,
    List<Notification> notifications,
    List<UserOperation> operations,
    List<Delivery> deliveries,
    List<Migration> migrations,
    List<Acknowledgement> acknowledgements) {

  /** A history without the team's SOP acknowledgements. */
  public IncidentHistory(String processInstanceId, String incidentNumber, String processDefinitionId, int sopVersion,
      String sopVersionTag, Instant startTime, Instant endTime, String state, Map<String, Object> variables,
      List<Step> steps, List<VariableChange> changes, List<Notification> notifications, List<UserOperation> operations,
      List<Delivery> deliveries, List<Migration> migrations) {
    this(processInstanceId, incidentNumber, processDefinitionId, sopVersion, sopVersionTag, startTime, endTime, state,
        variables, steps, changes, notifications, operations, deliveries, migrations, List.of());
  }

  /** A history of an incident never migrated to another SOP version. */
  public IncidentHistory(String processInstanceId, String incidentNumber, String processDefinitionId, int sopVersion,
      String sopVersionTag, Instant startTime, Instant endTime, String state, Map<String, Object> variables,
      List<Step> steps, List<VariableChange> changes, List<Notification> notifications, List<UserOperation> operations,
      List<Delivery> deliveries) {
    this(processInstanceId, incidentNumber, processDefinitionId, sopVersion, sopVersionTag, startTime, endTime, state,
        variables, steps, changes, notifications, operations, deliveries, List.of(), List.of());
  }

  /** A history without chat or webhook deliveries. */
  public IncidentHistory(String processInstanceId, String incidentNumber, String processDefinitionId, int sopVersion,
      String sopVersionTag, Instant startTime, Instant endTime, String state, Map<String, Object> variables,
      List<Step> steps, List<VariableChange> changes, List<Notification> notifications, List<UserOperation> operations) {
    this(processInstanceId, incidentNumber, processDefinitionId, sopVersion, sopVersionTag, startTime, endTime, state,
        variables, steps, changes, notifications, operations, List.of());
  }

  /**
   * One chat message or webhook event of a notification, as its delivery process recorded it.
   *
   * @param channel {@code slack/ops}: kind and name, never the URL
   * @param template the notification
   * @param outcome {@code delivered}, {@code retrying} or {@code failed} (a Cockpit incident)
   * @param attempts attempts made so far
   * @param time when it was delivered, else when it was issued
   * @param detail the receiver's status, or the last failure
   */
  public record Delivery(String channel, String template, String outcome, int attempts, Instant time, String detail) {}

  /**
   * A move of the running incident to another SOP version (Camunda's migration), as its history comment says.
   *
   * @param userId who migrated it
   */
  public record Migration(Instant time, String userId, int fromVersion, int toVersion) {}

  /**
   * Whether a person who worked on the incident had acknowledged an SOP version it ran on.
   *
   * @param status {@code acknowledged}, {@code pending} (asked, not yet answered right) or {@code not-asked}
   *     (no "Read the SOP" task for that version, such as the first version)
   * @param acknowledgedAt when, if acknowledged
   */
  public record Acknowledgement(String userId, int version, String status, Instant acknowledgedAt) {}

  /** People who worked on it: assignees and completers of its user tasks, in order of first appearance. */
  public List<String> people() {
    java.util.LinkedHashSet<String> people = new java.util.LinkedHashSet<>();
    steps.stream().filter(s -> s.taskId() != null).forEach(s -> {
      if (s.assignee() != null) {
        people.add(s.assignee());
      }
      if (s.completedBy() != null) {
        people.add(s.completedBy());
      }
    });
    return List.copyOf(people);
  }

  /** One activity instance: a step of the SOP, a timer that fired, an event. */
  public record Step(String activityId, String name, String type, Instant start, Instant end,
      String assignee, String completedBy, boolean canceled, String taskId) {

    public boolean completed() {
      return end != null && !canceled;
    }

    public boolean is(SopActivity activity) {
      return activity.id().equals(activityId);
    }
  }

  public record VariableChange(String name, Object value, Instant time, String taskId) {

    /** The contract's name for this variable, if it is one the SOP declares. */
    public Optional<IncidentVariable> variable() {
      return IncidentVariable.byId(name);
    }
  }

  /** A {@link NotificationRecord} as the audit keeps it, with the step that recorded it. */
  public record Notification(String template, String subject, List<String> recipients, String channel,
      Instant sentAt, String activityId) {

    /**
     * The notification recorded as {@code text} (the {@link IncidentVariable#NOTIFICATION} variable) by
     * the step {@code activityId} at {@code recordedAt}. Text that is not a record is kept as the subject.
     */
    public static Notification recorded(String text, Instant recordedAt, String activityId) {
      return NotificationRecord.decode(text)
          .map(r -> new Notification(r.template(), r.subject(), r.recipients(), r.channel(),
              r.sentAt() != null ? r.sentAt() : recordedAt, activityId))
          .orElseGet(() -> new Notification(null, text, List.of(), null, recordedAt, activityId));
    }

    public boolean is(NotificationTemplate template) {
      return template.id().equals(this.template);
    }

    /** Sent by a step that counts for the update cadence ({@link NotificationTemplate#STAKEHOLDER_UPDATES}). */
    public boolean stakeholderUpdate() {
      return NotificationTemplate.byId(template).filter(NotificationTemplate.STAKEHOLDER_UPDATES::contains).isPresent();
    }
  }

  public record UserOperation(Instant time, String userId, String operationType, String entityType,
      String property, String orgValue, String newValue, String stepName) {}

  /** The SOP version the incident started on: before its first migration, else the one it runs on. */
  public int startVersion() {
    return migrations.isEmpty() ? sopVersion : migrations.get(0).fromVersion();
  }

  /** Every SOP version the incident ran on, in order: the one it started on, then each migration's target. */
  public List<Integer> sopVersions() {
    List<Integer> versions = new java.util.ArrayList<>(List.of(startVersion()));
    migrations.forEach(m -> versions.add(m.toVersion()));
    return List.copyOf(versions);
  }

  public boolean closed() {
    return endTime != null;
  }

  private IncidentVariables current() {
    return IncidentVariables.of(variables);
  }

  public Object variable(IncidentVariable variable) {
    return current().get(variable);
  }

  public String string(IncidentVariable variable) {
    return current().string(variable);
  }

  public boolean isTrue(IncidentVariable variable) {
    return current().isTrue(variable);
  }

  /** A moment in any form the SOP stores one; null when absent or unreadable. */
  public Instant instant(IncidentVariable variable) {
    return current().instant(variable);
  }

  public boolean drill() {
    return current().drill();
  }

  /** The severity in force, if it is one of the SOP's. */
  public Optional<Severity> severity() {
    return current().severity();
  }

  /** The review policy of the severity in force says the post-incident review must happen. */
  /** The review policy of the severity in force, as the severity-policy decision set it. */
  public Optional<ReviewPolicy> reviewPolicy() {
    return ReviewPolicy.byId(string(IncidentVariable.REVIEW_POLICY));
  }

  public boolean reviewMandatory() {
    return reviewPolicy().filter(ReviewPolicy.MANDATORY::equals).isPresent();
  }

  /** The review policy leaves the post-incident review to the commander's decision. */
  public boolean reviewOptional() {
    return reviewPolicy().filter(ReviewPolicy.OPTIONAL::equals).isPresent();
  }

  /** The last instance of a step that was completed (not cancelled by a boundary event or a termination). */
  public Optional<Step> completed(SopActivity activity) {
    return steps.stream().filter(s -> s.is(activity) && s.completed()).reduce((first, second) -> second);
  }

  public List<Step> all(SopActivity activity) {
    return steps.stream().filter(s -> s.is(activity)).toList();
  }

  /** The value a variable had at a moment: its last update at or before then, else the current value. */
  public Object valueAt(IncidentVariable variable, Instant time) {
    Object value = null;
    boolean seen = false;
    for (VariableChange change : changes) {
      if (change.name().equals(variable.id()) && (time == null || !change.time().isAfter(time))) {
        value = change.value();
        seen = true;
      }
    }
    return seen ? value : variables.get(variable.id());
  }
}
