package org.incidentresponse.followup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Step {@code Task_RecordFollowUp} (bean {@code recordFollowUp}): stores the action item as an open row
 * of {@code incident_follow_up}, sets its due time (the end of the due date, UTC) and reminder time (the
 * input parameter {@code remindBefore} earlier, ISO duration, default a day), and who works it: the owner,
 * or the incident commander when the owner is no longer a user.
 */
@Component("recordFollowUp")
class RecordFollowUp implements JavaDelegate {

  static final Duration DEFAULT_REMIND_BEFORE = Duration.ofDays(1);

  private final FollowUpStore store;
  private final FollowUpOwner owners;

  RecordFollowUp(FollowUpStore store, FollowUpOwner owners) {
    this.store = store;
    this.owners = owners;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate dueDate = LocalDate.parse((String) execution.getVariable(FollowUp.DUE_DATE));
    Instant dueAt = dueDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Object remindBefore = execution.getVariable(FollowUp.REMIND_BEFORE);
    Duration before = remindBefore == null || remindBefore.toString().isBlank()
        ? DEFAULT_REMIND_BEFORE : Duration.parse(remindBefore.toString().strip());
    String owner = (String) execution.getVariable(FollowUp.OWNER);
    String assignee = owners.workedBy(owner, (String) execution.getVariable(FollowUp.INCIDENT_COMMANDER));

    execution.setVariable(FollowUp.DUE_AT, dueAt.toString());
    execution.setVariable(FollowUp.REMIND_AT, dueAt.minus(before).toString());
    execution.setVariable(FollowUp.ASSIGNEE, assignee);
    Object index = execution.getVariable(FollowUp.INDEX);
    store.insert(new FollowUpStore.Row((String) execution.getVariable(FollowUp.INCIDENT_NUMBER),
        ((Number) index).intValue(), execution.getProcessInstanceId(), (String) execution.getVariable(FollowUp.TITLE),
        (String) execution.getVariable(FollowUp.TYPE), owner, assignee, dueDate, dueAt,
        (String) execution.getVariable(FollowUp.TICKET_URL), (String) execution.getVariable(FollowUp.SEVERITY),
        (String) execution.getVariable(FollowUp.SERVICE), FollowUpStore.OPEN, null, null, null, null,
        ClockUtil.getCurrentTime().toInstant()));
  }
}
