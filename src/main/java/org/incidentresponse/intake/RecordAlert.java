package org.incidentresponse.intake;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
    Number count = (Number) execution.getVariable("alertCount");
    execution.setVariable("alertCount", count == null ? 1 : count.intValue() + 1);
    execution.setVariable("lastAlertAt", ClockUtil.getCurrentTime());
    Object alert = execution.getVariable("lastAlert");
    if (alert != null) {
      execution.setVariableLocal("alert", alert);
    }
  }
}
