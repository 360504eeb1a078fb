package org.incidentresponse.notification;

import java.time.Instant;
import java.util.Map;

/**
 * Published by {@code sendNotification} in the step's transaction once its mail went out (or had
 * no recipient), for the channels beside mail: what they start rolls back with the step.
 *
 * @param template the template id
 * @param processInstanceId the incident
 * @param variables the incident's variables as the notification saw them
 * @param issuedAt engine time
 */
public record NotificationIssued(String template, String processInstanceId, Map<String, Object> variables,
    Instant issuedAt) {}
