package org.incidentresponse.triage;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.springframework.stereotype.Component;

/**
 * On Task_TriageIncident: the first claim is the acknowledgement. It stops the acknowledgement
 * escalation and is the start of time-to-acknowledge.
 */
@Component("recordAcknowledgement")
public class RecordAcknowledgement implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    IncidentVariables incident = IncidentVariables.of(task);
    if (task.getAssignee() != null && incident.get(IncidentVariable.ACKNOWLEDGED_BY) == null) {
      incident.set(IncidentVariable.ACKNOWLEDGED_BY, task.getAssignee())
          .set(IncidentVariable.ACKNOWLEDGED_AT, ClockUtil.getCurrentTime());
    }
  }
}
