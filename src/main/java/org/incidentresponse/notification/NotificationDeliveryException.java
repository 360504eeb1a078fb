package org.incidentresponse.notification;

/** A notification could not be handed to the mail server; Camunda retries the job and then raises an incident. */
public class NotificationDeliveryException extends RuntimeException {

  public NotificationDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
