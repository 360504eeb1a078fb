package org.incidentresponse.intake;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Task_LogIncident, the SOP's first step: the incident gets its number (also the business key that
 * Tasklist and Cockpit show), the time it was reported and its source, before anyone works on it.
 */
@Component("logIncident")
public class LogIncident implements JavaDelegate {

  /** Inputs the severity decision and later steps read; present (possibly null) on every incident. */
  private static final Map<String, Object> DEFAULTS = Map.of(
      "customerImpact", Boolean.FALSE,
      "drill", Boolean.FALSE,
      "source", "tasklist");

  private final IncidentNumbers incidentNumbers;

  public LogIncident(IncidentNumbers incidentNumbers) {
    this.incidentNumbers = incidentNumbers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = (String) execution.getVariable("incidentNumber");
    if (number == null || number.isBlank()) {
      number = execution.getProcessBusinessKey() != null ? execution.getProcessBusinessKey() : incidentNumbers.next();
      execution.setVariable("incidentNumber", number);
    }
    execution.setProcessBusinessKey(number);
    if (execution.getVariable("reportedAt") == null) {
      execution.setVariable("reportedAt", ClockUtil.getCurrentTime());
    }
    DEFAULTS.forEach((name, value) -> {
      if (execution.getVariable(name) == null) {
        execution.setVariable(name, value);
      }
    });
    for (String optional : new String[] {"impact", "urgency", "title", "service", "reporter"}) {
      if (!execution.hasVariable(optional)) {
        execution.setVariable(optional, null);
      }
    }
  }
}
