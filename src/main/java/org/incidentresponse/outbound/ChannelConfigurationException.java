package org.incidentresponse.outbound;

/**
 * A chat channel or webhook that could never be delivered to (no or no http(s) URL, an unknown
 * notification, event or severity, a name used twice, a webhook without secret). Thrown at start-up,
 * reported by {@link ChannelConfigurationFailureAnalyzer}. The message names the channel, never its
 * URL or secret: start-up failures are printed and collected by log shippers.
 */
public class ChannelConfigurationException extends IllegalArgumentException {

  public ChannelConfigurationException(String message) {
    super(message);
  }
}
