package org.incidentresponse.intake;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Task_RecordAlert: monitoring fired again for an incident that is already open. It is counted on
 * the incident's timeline; it opens nothing new and pages nobody. The correlation's local variables
 * ({@code alert}: what fired, {@code alertReceivedAt}) stay in the history of this event subprocess.
 */
@Component("recordAlert")
public class RecordAlert implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Number count = (Number) execution.getVariable("alertCount");
    execution.setVariable("alertCount", count == null ? 1 : count.intValue() + 1);
    Object receivedAt = execution.getVariable("alertReceivedAt");
    execution.setVariable("lastAlertAt", receivedAt != null ? receivedAt : ClockUtil.getCurrentTime());
  }
}
