package org.incidentresponse.classification;

import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completing Task_ClassifyIncident: the commander has confirmed or overridden the proposed
 * severity. An override without a reason is refused, so the audit trail always says why.
 */
@Component("recordSeverityDecision")
public class RecordSeverityDecision implements TaskListener {

  static final Set<String> SEVERITIES = Set.of("SEV1", "SEV2", "SEV3", "SEV4");

  @Override
  public void notify(DelegateTask task) {
    String proposed = (String) task.getVariable("proposedSeverity");
    String severity = (String) task.getVariable("severity");
    if (!SEVERITIES.contains(severity)) {
      throw new IllegalArgumentException("Severity must be one of SEV1, SEV2, SEV3, SEV4, not '" + severity + "'");
    }
    boolean overridden = !Objects.equals(proposed, severity);
    Object reason = task.getVariable("severityOverrideReason");
    if (overridden && (reason == null || reason.toString().isBlank())) {
      throw new IllegalArgumentException(
          "Overriding the proposed severity " + proposed + " with " + severity + " needs a reason");
    }
    task.setVariable("severityConfirmed", Boolean.TRUE);
    task.setVariable("severityOverridden", overridden);
    task.setVariable("severityDecidedBy", task.getAssignee());
  }
}
