package org.incidentresponse.oncall;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Checks what a person entered in "Cover an on-call shift" before the process moves on, so that a bad
 * offer is refused where it was typed (Tasklist shows the message) and nothing is started: the start
 * form (team, duty, time, the person on call then) and the answer (accept or decline).
 */
@Component("shiftCoverRequest")
class ShiftCoverRequest implements ExecutionListener, TaskListener {

  private final ShiftCover shiftCover;

  ShiftCoverRequest(ShiftCover shiftCover) {
    this.shiftCover = shiftCover;
  }

  @Override
  public void notify(DelegateExecution execution) {
    ShiftCover.Offer offer = shiftCover.check(execution.getVariables(),
        (String) execution.getVariable(ShiftCover.COVER_BY), ClockUtil.getCurrentTime().toInstant());
    execution.setVariables(offer.variables());
  }

  @Override
  public void notify(DelegateTask task) {
    Object answer = task.getVariable(ShiftCover.ANSWER);
    if (!"accept".equals(answer) && !"decline".equals(answer)) {
      throw new IllegalArgumentException(ShiftCover.ANSWER + ": choose 'accept' or 'decline'");
    }
  }
}
