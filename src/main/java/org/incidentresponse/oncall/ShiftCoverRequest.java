package org.incidentresponse.oncall;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Checks the start form of "Cover an on-call shift" (team, duty, time, the person on call then) before
 * the process moves on, so that a bad cover is refused where it was typed (Tasklist shows the message)
 * and nothing is started.
 */
@Component("shiftCoverRequest")
class ShiftCoverRequest implements ExecutionListener {

  private final ShiftCover shiftCover;

  ShiftCoverRequest(ShiftCover shiftCover) {
    this.shiftCover = shiftCover;
  }

  @Override
  public void notify(DelegateExecution execution) {
    ShiftCover.Cover cover = shiftCover.check(execution.getVariables(),
        (String) execution.getVariable(ShiftCover.COVER_BY), ClockUtil.getCurrentTime().toInstant());
    execution.setVariables(cover.variables());
  }
}
