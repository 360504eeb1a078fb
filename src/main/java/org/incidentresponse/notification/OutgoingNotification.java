package org.incidentresponse.notification;

import java.util.List;

/** One message to send: the same content to every address in {@code to}. */
public record OutgoingNotification(String template, List<String> to, RenderedNotification content) {

  public OutgoingNotification {
    to = List.copyOf(to);
  }
}
