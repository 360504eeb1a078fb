package org.incidentresponse.notification;

/**
 * A notification as a chat channel shows it, already escaped for that chat.
 *
 * @param headline the template's subject, on one line
 * @param text the chat variant of the template's body
 */
public record RenderedChat(String headline, String text) {
}
