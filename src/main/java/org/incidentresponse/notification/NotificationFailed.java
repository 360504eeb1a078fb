package org.incidentresponse.notification;

/**
 * Published by {@code sendNotification} for each attempt that failed (SMTP down, a template
 * error); the job is retried and, out of retries, becomes an incident in Cockpit.
 *
 * @param template the template id
 */
public record NotificationFailed(String template) {}
