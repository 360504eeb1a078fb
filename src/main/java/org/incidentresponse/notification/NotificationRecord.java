package org.incidentresponse.notification;

import java.util.List;

/**
 * What was sent, kept as the local variable {@code notification} of the notifying activity,
 * so that the incident's history lists every notification for auditors.
 *
 * @param template the template name
 * @param subject the subject internal recipients saw (the customer subject when only customers were notified)
 * @param recipients every address notified, internal and external
 * @param externalRecipients the external contacts among them, each of whom got a separate customer-facing message
 * @param channel {@code smtp} or {@code log}
 * @param sentAt ISO-8601 instant, engine time
 */
public record NotificationRecord(String template, String subject, List<String> recipients,
    List<String> externalRecipients, String channel, String sentAt) {
}
