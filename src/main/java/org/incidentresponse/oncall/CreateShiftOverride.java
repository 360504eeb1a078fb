package org.incidentresponse.oncall;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Step {@code Task_CreateShiftOverride} of "Cover an on-call shift": puts the responder who took over on
 * call for the checked time, in their own name (the override's {@code created_by}), in the same
 * transaction as the start form, so a cover either starts with its override or not at all.
 */
@Component("createShiftOverride")
class CreateShiftOverride implements JavaDelegate {

  private final OnCallOverrides overrides;

  CreateShiftOverride(OnCallOverrides overrides) {
    this.overrides = overrides;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String coverBy = (String) execution.getVariable(ShiftCover.COVER_BY);
    OnCallRole role = OnCallRole.of((String) execution.getVariable(ShiftCover.LAYER)).orElseThrow();
    ShiftOverride override = overrides.add((String) execution.getVariable(ShiftCover.TEAM), role, coverBy,
        ((Date) execution.getVariable(ShiftCover.STARTS_AT)).toInstant(),
        ((Date) execution.getVariable(ShiftCover.ENDS_AT)).toInstant(), coverBy, ClockUtil.getCurrentTime().toInstant());
    execution.setVariable(ShiftCover.OVERRIDE_ID, override.id());
  }
}
