package org.incidentresponse.intake;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Task_RecordRecovery: monitoring reports the alert resolved. That is evidence, not a resolution:
 * a human still confirms the fix in Task_ResolveIncident.
 */
@Component("recordRecovery")
public class RecordRecovery implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Object receivedAt = execution.getVariable("alertReceivedAt");
    execution.setVariable("recoveryReportedAt", receivedAt != null ? receivedAt : ClockUtil.getCurrentTime());
  }
}
