package org.incidentresponse.notification;

/**
 * Published by {@code sendNotification} once a notification went out to at least one recipient;
 * listeners that count must wait for the commit (the step may still roll back).
 *
 * @param template the template id
 */
public record NotificationSent(String template) {}
