package org.incidentresponse.intake;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentresponse.sop.IncidentStart;
import org.incidentresponse.sop.IncidentVariables;
import org.springframework.stereotype.Component;

/**
 * Task_LogIncident, the SOP's first step: the incident gets its number (also the business key that
 * Tasklist and Cockpit show), the time it was reported and its source, before anyone works on it.
 * Incidents from the intake come with these; one reported in Tasklist's form gets them here.
 */
@Component("logIncident")
public class LogIncident implements JavaDelegate {

  private final IncidentNumbers incidentNumbers;

  public LogIncident(IncidentNumbers incidentNumbers) {
    this.incidentNumbers = incidentNumbers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    IncidentVariables incident = IncidentVariables.of(execution);
    String number = incident.incidentNumber();
    if (number == null || number.isBlank()) {
      number = execution.getProcessBusinessKey() != null ? execution.getProcessBusinessKey() : incidentNumbers.next();
      incident.incidentNumber(number);
    }
    execution.setProcessBusinessKey(number);
    IncidentStart.completeDefaults(incident);
  }
}
