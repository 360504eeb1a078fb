package org.incidentresponse.outbound;

/** Turns a notice into the request body one kind of channel understands. */
interface OutboundFormat {

  ChannelKind kind();

  /**
   * @param notice the notification
   * @param eventId the delivery's id, the same on every retry (a webhook's CloudEvents id)
   */
  Payload payload(IncidentNotice notice, String eventId);

  /** A request body and its media type. */
  record Payload(String contentType, String body) {}
}
