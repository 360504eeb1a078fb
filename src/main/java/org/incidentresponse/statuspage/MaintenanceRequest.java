package org.incidentresponse.statuspage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Checks what a person entered before the process moves on, so that a bad window or component is
 * refused where it was typed (Tasklist shows the message) instead of failing a job later: the start
 * of {@code scheduled-maintenance} (every field; the window becomes dates for the timers, the
 * reminder an hour before the start) and the completion of <i>Conclude maintenance</i> (an
 * extension needs a new end in the future).
 */
@Component("maintenanceRequest")
class MaintenanceRequest implements ExecutionListener, TaskListener {

  static final Duration REMINDER_BEFORE = Duration.ofHours(Long.parseLong(ScheduledMaintenance.REMINDER_BEFORE_HOURS));

  private final ScheduledMaintenance maintenance;

  MaintenanceRequest(ScheduledMaintenance maintenance) {
    this.maintenance = maintenance;
  }

  @Override
  public void notify(DelegateExecution execution) {
    ScheduledMaintenance.Request request;
    try {
      request = maintenance.validate(execution.getVariables());
    } catch (ScheduledMaintenance.InvalidMaintenance invalid) {
      throw new IllegalArgumentException(invalid.getMessage());
    }
    request.variables().forEach(execution::setVariable);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant reminder = request.startsAt().minus(REMINDER_BEFORE);
    execution.setVariable(ScheduledMaintenance.REMINDER_AT, Date.from(reminder.isBefore(now) ? now : reminder));
  }

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable(ScheduledMaintenance.DECISION);
    if ("complete".equals(decision)) {
      return;
    }
    if (!"extend".equals(decision)) {
      throw new IllegalArgumentException(ScheduledMaintenance.DECISION + ": choose 'complete' or 'extend'");
    }
    List<String> problems = new ArrayList<>();
    Instant until = ScheduledMaintenance.time(task.getVariable(ScheduledMaintenance.EXTENDED_UNTIL),
        ScheduledMaintenance.EXTENDED_UNTIL, problems);
    Instant end = ((Date) task.getVariable(ScheduledMaintenance.ENDS_AT)).toInstant();
    if (until != null && !until.isAfter(end)) {
      problems.add(ScheduledMaintenance.EXTENDED_UNTIL + ": the new end must be after the current end");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    task.setVariable(ScheduledMaintenance.EXTENDED_UNTIL, Date.from(until));
  }
}
