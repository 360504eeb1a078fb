package org.incidentresponse.triage;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * On Task_TriageIncident: the first claim is the acknowledgement. It stops the acknowledgement
 * escalation and is the start of time-to-acknowledge.
 */
@Component("recordAcknowledgement")
public class RecordAcknowledgement implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (task.getAssignee() != null && task.getVariable("acknowledgedBy") == null) {
      task.setVariable("acknowledgedBy", task.getAssignee());
      task.setVariable("acknowledgedAt", ClockUtil.getCurrentTime());
    }
  }
}
