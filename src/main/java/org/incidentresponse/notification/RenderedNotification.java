package org.incidentresponse.notification;

/** One rendered message: what a recipient sees. */
public record RenderedNotification(String subject, String text, String html) {
}
