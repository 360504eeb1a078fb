package org.incidentresponse.intake;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.springframework.stereotype.Component;

/**
 * Task_RecordAlert: monitoring fired again for an incident that is already open. It is counted on
 * the incident's timeline; it opens nothing new and pages nobody. What fired ({@code lastAlert}, set
 * by the correlation) is kept as the local variable {@code alert} of this event subprocess, so
 * history shows one entry per alert notification.
 */
@Component("recordAlert")
public class RecordAlert implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    IncidentVariables incident = IncidentVariables.of(execution);
    Number count = (Number) incident.get(IncidentVariable.ALERT_COUNT);
    incident.set(IncidentVariable.ALERT_COUNT, count == null ? 1 : count.intValue() + 1);
    incident.set(IncidentVariable.LAST_ALERT_AT, ClockUtil.getCurrentTime());
    Object alert = incident.get(IncidentVariable.LAST_ALERT);
    if (alert != null) {
      execution.setVariableLocal(IncidentVariable.ALERT.id(), alert);
    }
  }
}
