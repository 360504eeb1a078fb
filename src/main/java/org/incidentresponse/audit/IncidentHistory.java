package org.incidentresponse.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the engine recorded about one incident, in plain values: read from Camunda's history
 * by {@link CamundaIncidentHistory}, judged by {@link ComplianceRules}. Nothing here knows Camunda.
 *
 * @param variables the latest value of each process-level variable
 * @param steps activity instances in start order (tasks, events, timers; no gateways)
 * @param changes updates of process-level variables in time order
 * @param notifications every notification recorded by {@code sendNotification}
 * @param operations user operations (claims, assignments, completions, modifications, retries ...)
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
    List<UserOperation> operations) {

  /** One activity instance: a step of the SOP, a timer that fired, an event. */
  public record Step(String activityId, String name, String type, Instant start, Instant end,
      String assignee, String completedBy, boolean canceled, String taskId) {

    public boolean completed() {
      return end != null && !canceled;
    }
  }

  public record VariableChange(String name, Object value, Instant time, String taskId) {}

  public record Notification(String template, String subject, List<String> recipients, String channel,
      Instant sentAt, String activityId) {}

  public record UserOperation(Instant time, String userId, String operationType, String entityType,
      String property, String orgValue, String newValue, String stepName) {}

  public boolean closed() {
    return endTime != null;
  }

  public Object variable(String name) {
    return variables.get(name);
  }

  public String string(String name) {
    Object value = variables.get(name);
    return value == null ? null : value.toString();
  }

  public boolean isTrue(String name) {
    return Boolean.TRUE.equals(variables.get(name)) || "true".equals(string(name));
  }

  public boolean drill() {
    return isTrue("drill");
  }

  /** The last instance of a step that was completed (not cancelled by a boundary event or a termination). */
  public Optional<Step> completed(String activityId) {
    return steps.stream().filter(s -> s.activityId().equals(activityId) && s.completed())
        .reduce((first, second) -> second);
  }

  public List<Step> all(String activityId) {
    return steps.stream().filter(s -> s.activityId().equals(activityId)).toList();
  }

  /** The value a variable had at a moment: its last update at or before then, else the current value. */
  public Object valueAt(String name, Instant time) {
    Object value = null;
    boolean seen = false;
    for (VariableChange change : changes) {
      if (change.name().equals(name) && (time == null || !change.time().isAfter(time))) {
        value = change.value();
        seen = true;
      }
    }
    return seen ? value : variables.get(name);
  }
}
