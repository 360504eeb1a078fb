package org.incidentresponse.notification;

/**
 * Where notifications go: SMTP when mail is configured, otherwise the log.
 * Chosen once at start-up by {@link NotificationChannelConfiguration}.
 */
public interface NotificationChannel {

  /** Recorded with every notification in the incident's history: {@code smtp} or {@code log}. */
  String name();

  /** Delivers the message or throws, so that the job is retried and finally shows as an incident. */
  void send(OutgoingNotification notification);
}
