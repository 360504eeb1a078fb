package org.incidentresponse.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes notifications to the log instead of sending them, for installations without a mail server
 * (the default): the process runs the same, and the incident's history still shows every notification.
 */
public class LogNotificationChannel implements NotificationChannel {

  private static final Logger log = LoggerFactory.getLogger(LogNotificationChannel.class);

  @Override
  public String name() {
    return "log";
  }

  @Override
  public void send(OutgoingNotification notification) {
    log.info("Notification '{}' (not sent: mail is not configured)\nTo: {}\nSubject: {}\n\n{}",
        notification.template(), String.join(", ", notification.to()), notification.content().subject(),
        notification.content().text());
  }
}
