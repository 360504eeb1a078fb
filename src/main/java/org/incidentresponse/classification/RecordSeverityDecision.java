package org.incidentresponse.classification;

import static org.incidentresponse.sop.IncidentVariable.PROPOSED_SEVERITY;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY_CONFIRMED;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY_DECIDED_BY;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY_OVERRIDDEN;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY_OVERRIDE_REASON;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.incidentresponse.sop.IncidentVariables;
import org.incidentresponse.sop.Severity;
import org.springframework.stereotype.Component;

/**
 * On completing Task_ClassifyIncident: the commander has confirmed or overridden the proposed
 * severity. An override without a reason is refused, so the audit trail always says why.
 */
@Component("recordSeverityDecision")
public class RecordSeverityDecision implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    IncidentVariables incident = IncidentVariables.of(task);
    String proposed = incident.string(PROPOSED_SEVERITY);
    String severity = incident.string(SEVERITY);
    if (Severity.parse(severity).isEmpty()) {
      throw new IllegalArgumentException("Severity must be one of " + Severity.allowed() + ", not '" + severity + "'");
    }
    boolean overridden = !Objects.equals(proposed, severity);
    String reason = incident.string(SEVERITY_OVERRIDE_REASON);
    if (overridden && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException(
          "Overriding the proposed severity " + proposed + " with " + severity + " needs a reason");
    }
    incident.set(SEVERITY_CONFIRMED, Boolean.TRUE)
        .set(SEVERITY_OVERRIDDEN, overridden)
        .set(SEVERITY_DECIDED_BY, task.getAssignee());
  }
}
