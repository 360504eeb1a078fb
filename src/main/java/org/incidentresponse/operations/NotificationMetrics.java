package org.incidentresponse.operations;

import org.incidentresponse.notification.NotificationFailed;
import org.incidentresponse.notification.NotificationSent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts what {@code sendNotification} reports: a sent notification once its step commits (a step
 * that rolls back is retried and would otherwise count twice), every failed attempt at once.
 */
@Component
class NotificationMetrics {

  private final OperationsMetrics metrics;

  NotificationMetrics(OperationsMetrics metrics) {
    this.metrics = metrics;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void sent(NotificationSent notification) {
    metrics.notificationSent(notification.template());
  }

  @EventListener
  void failed(NotificationFailed notification) {
    metrics.notificationFailed(notification.template());
  }
}
