package org.incidentresponse.statuspage;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The service tasks of {@code scheduled-maintenance}, told apart by their BPMN ids: each publishes
 * one public update (the scheduler's text, or the configured wording {@code maintenance-*}) and
 * moves the maintenance's state; subscribers of its components get it by mail once
 * ({@link MaintenanceUpdatePublished}). Runs in the engine's transaction, so a retried job
 * publishes once.
 */
@Component("maintenanceStep")
class MaintenanceStep implements JavaDelegate {

  private final MaintenanceStore store;
  private final StatusPageProperties properties;
  private final ApplicationEventPublisher events;

  MaintenanceStep(MaintenanceStore store, StatusPageProperties properties, ApplicationEventPublisher events) {
    this.store = store;
    this.properties = properties;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    String step = execution.getCurrentActivityId();
    if (ScheduledMaintenance.TASK_ANNOUNCE.equals(step)) {
      Maintenance created = store.create(execution.getProcessInstanceId(),
          (String) execution.getVariable(ScheduledMaintenance.TITLE),
          ScheduledMaintenance.components(execution.getVariable(ScheduledMaintenance.COMPONENTS)),
          instant(execution, ScheduledMaintenance.STARTS_AT), instant(execution, ScheduledMaintenance.ENDS_AT), now);
      publish(created, MaintenanceState.SCHEDULED, (String) execution.getVariable(ScheduledMaintenance.MESSAGE), null, now);
      return;
    }
    Maintenance maintenance = store.byProcessInstance(execution.getProcessInstanceId()).orElseThrow(
        () -> new IllegalStateException("no maintenance announced by process instance " + execution.getProcessInstanceId()));
    switch (step) {
      case ScheduledMaintenance.TASK_REMIND -> {
        // Scheduled less than an hour ahead: the announcement was the reminder.
        if (maintenance.createdAt().isAfter(maintenance.scheduledFor().minus(MaintenanceRequest.REMINDER_BEFORE))) {
          return;
        }
        publish(maintenance, MaintenanceState.SCHEDULED, wording("maintenance-reminder", maintenance), null, now);
      }
      case ScheduledMaintenance.TASK_START ->
          publish(maintenance, MaintenanceState.IN_PROGRESS, wording("maintenance-started", maintenance), null, now);
      case ScheduledMaintenance.TASK_EXTEND -> {
        Date until = (Date) execution.getVariable(ScheduledMaintenance.EXTENDED_UNTIL);
        execution.setVariable(ScheduledMaintenance.ENDS_AT, until);
        String text = ownText(execution).orElse(wording("maintenance-extended", maintenance)
            .replace("{until}", new StatusPageViews.Times().readable(until.toInstant())));
        publish(maintenance, MaintenanceState.IN_PROGRESS, text, until.toInstant(), now);
        // The next conclusion starts blank: the decision and text of this one were used.
        execution.removeVariable(ScheduledMaintenance.DECISION);
        execution.removeVariable(ScheduledMaintenance.UPDATE);
      }
      case ScheduledMaintenance.TASK_COMPLETE -> {
        boolean early = now.isBefore(maintenance.scheduledUntil());
        String text = ownText(execution).orElse(wording("maintenance-completed", maintenance));
        publish(maintenance, MaintenanceState.COMPLETED, text, early ? now : null, now);
      }
      default -> throw new IllegalStateException("maintenanceStep does not know the step " + step);
    }
  }

  private void publish(Maintenance maintenance, MaintenanceState state, String body, Instant until, Instant now) {
    Maintenance.Update update = store.addUpdate(maintenance.id(), state, body, until, now);
    events.publishEvent(new MaintenanceUpdatePublished(store.byId(maintenance.id()).orElseThrow(), update));
  }

  private String wording(String key, Maintenance maintenance) {
    List<StatusPageProperties.Component> affected = maintenance.components().stream()
        .flatMap(id -> properties.component(id).stream()).toList();
    return properties.wording(key, affected);
  }

  private static java.util.Optional<String> ownText(DelegateExecution execution) {
    Object text = execution.getVariable(ScheduledMaintenance.UPDATE);
    return text == null || text.toString().isBlank() ? java.util.Optional.empty() : java.util.Optional.of(text.toString().strip());
  }

  private static Instant instant(DelegateExecution execution, String name) {
    return ((Date) execution.getVariable(name)).toInstant();
  }
}
