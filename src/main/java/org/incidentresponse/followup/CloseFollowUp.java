package org.incidentresponse.followup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Step {@code Task_CloseFollowUp} (bean {@code closeFollowUp}): stores how the follow-up ended: done with
 * its evidence link and note, or won't do with the owner's reason (accepted by the incident commander),
 * who closed it (who completed the last task) and when.
 */
@Component("closeFollowUp")
class CloseFollowUp implements JavaDelegate {

  private final FollowUpStore store;

  CloseFollowUp(FollowUpStore store) {
    this.store = store;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean done = FollowUp.OUTCOME_DONE.equals(execution.getVariable(FollowUp.OUTCOME));
    store.close((String) execution.getVariable(FollowUp.INCIDENT_NUMBER),
        ((Number) execution.getVariable(FollowUp.INDEX)).intValue(),
        done ? FollowUp.OUTCOME_DONE : FollowUp.OUTCOME_WONT_DO,
        done ? (String) execution.getVariable(FollowUp.EVIDENCE_URL) : null,
        (String) execution.getVariable(done ? FollowUp.NOTE : FollowUp.REASON),
        (String) execution.getVariable(FollowUp.CLOSED_BY), ClockUtil.getCurrentTime().toInstant());
  }
}
