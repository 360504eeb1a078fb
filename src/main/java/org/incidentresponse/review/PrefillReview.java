package org.incidentresponse.review;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.incidentresponse.audit.CamundaIncidentHistory;
import org.incidentresponse.sop.IncidentVariable;
import org.springframework.stereotype.Component;

/**
 * Task listener {@code ${prefillReview}} on the creation of Task_ConductPostIncidentReview: sets the
 * variables named as the review form's fields from the incident's history ({@link ReviewDraft}), so
 * that the commander edits rather than retypes. Form-js fills each field from the variable of the same
 * key. A field that already holds text (a review task created again) is left as it is; the durations
 * shown in the form's header are always computed afresh.
 *
 * <p>The variables are set on the process instance, not the task: Tasklist's submission then updates
 * the same variables, and the audit reads them after the task is gone.
 */
@Component("prefillReview")
public class PrefillReview implements TaskListener {

  /** Shown, not edited: always as computed now. */
  private static final java.util.Set<String> COMPUTED = java.util.Set.of(
      IncidentVariable.REVIEW_TIME_TO_ACKNOWLEDGE.id(), IncidentVariable.REVIEW_TIME_TO_MITIGATE.id(),
      IncidentVariable.REVIEW_TIME_TO_RESOLVE.id());

  private final CamundaIncidentHistory history;

  public PrefillReview(CamundaIncidentHistory history) {
    this.history = history;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, String> draft = ReviewDraft.of(history.load(task.getProcessInstanceId()));
    draft.forEach((name, value) -> {
      Object current = task.getVariable(name);
      if (COMPUTED.contains(name) || current == null || current.toString().isBlank()) {
        task.getExecution().getProcessInstance().setVariable(name, value);
      }
    });
  }
}
