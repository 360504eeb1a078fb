package org.incidentresponse.intake;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.springframework.stereotype.Component;

/**
 * Task_RecordRecovery: monitoring reports the alert resolved. That is evidence, not a resolution:
 * a human still confirms the fix in Task_ResolveIncident. The resolved notification
 * ({@code lastAlert}) is kept as the local variable {@code alert} of this event subprocess.
 */
@Component("recordRecovery")
public class RecordRecovery implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    IncidentVariables incident = IncidentVariables.of(execution);
    incident.set(IncidentVariable.RECOVERY_REPORTED_AT, ClockUtil.getCurrentTime());
    Object alert = incident.get(IncidentVariable.LAST_ALERT);
    if (alert != null) {
      execution.setVariableLocal(IncidentVariable.ALERT.id(), alert);
    }
  }
}
