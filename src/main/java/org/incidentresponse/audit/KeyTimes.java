package org.incidentresponse.audit;

import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_ASSIGN;
import static org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_CLAIM;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.incidentresponse.audit.IncidentHistory.Step;
import org.incidentresponse.audit.IncidentHistory.UserOperation;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.SopActivity;

/**
 * The moments an incident's response is measured by, read once from its history: for the report's
 * summary, the checklist, the breaches and the metrics. Null where the moment has not come.
 *
 * @param reportedAt {@code reportedAt} as recorded, else the start of the process
 * @param acknowledgedAt {@code acknowledgedAt} (the first claim of the triage task), else the triage task's
 *     first claim or assignment in the operation log, else the triage task's completion
 * @param workaroundAt the completion of Task_ApplyWorkaround
 * @param resolvedAt the completion of Task_ResolveIncident
 * @param reviewDoneAt the completion of Task_ConductPostIncidentReview
 */
public record KeyTimes(Instant reportedAt, Instant acknowledgedAt, Instant workaroundAt, Instant resolvedAt,
    Instant reviewDoneAt) {

  public static KeyTimes of(IncidentHistory h) {
    Instant reported = h.instant(IncidentVariable.REPORTED_AT);
    return new KeyTimes(reported != null ? reported : h.startTime(), acknowledgedAt(h),
        completion(h, SopActivity.Task_ApplyWorkaround), completion(h, SopActivity.Task_ResolveIncident),
        completion(h, SopActivity.Task_ConductPostIncidentReview));
  }

  /** Service was restored: by the workaround if one was applied, else by the resolution. */
  public Instant mitigatedAt() {
    return workaroundAt != null ? workaroundAt : resolvedAt;
  }

  private static Instant acknowledgedAt(IncidentHistory h) {
    Instant acknowledged = h.instant(IncidentVariable.ACKNOWLEDGED_AT);
    if (acknowledged != null) {
      return acknowledged;
    }
    // The operation log names tasks, not activities: match the triage tasks by their names.
    Set<String> triageTasks = h.all(SopActivity.Task_TriageIncident).stream().map(Step::name)
        .collect(Collectors.toSet());
    return h.operations().stream()
        .filter(op -> op.stepName() != null && triageTasks.contains(op.stepName()))
        .filter(op -> OPERATION_TYPE_CLAIM.equals(op.operationType()) || OPERATION_TYPE_ASSIGN.equals(op.operationType()))
        .map(UserOperation::time).findFirst()
        .orElse(completion(h, SopActivity.Task_TriageIncident));
  }

  private static Instant completion(IncidentHistory h, SopActivity step) {
    return h.completed(step).map(Step::end).orElse(null);
  }
}
