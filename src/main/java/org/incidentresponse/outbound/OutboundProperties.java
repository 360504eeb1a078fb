package org.incidentresponse.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import org.incidentresponse.sop.NotificationTemplate;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How chat messages and webhook events are delivered and labelled: {@code incident-response.outbound}.
 *
 * @param connectTimeout to open the connection to a receiver
 * @param requestTimeout for the whole answer; a receiver that hangs fails the attempt, which is retried
 * @param source the CloudEvents {@code source} of webhook events
 * @param auditUrl the incident's audit report, {@code {number}} standing for the incident number
 * @param eventTypes the CloudEvents {@code type} of each notification template
 * @param statuses the incident's state in a word after each notification, shown as the message's status
 */
@ConfigurationProperties("incident-response.outbound")
public record OutboundProperties(Duration connectTimeout, Duration requestTimeout, URI source, String auditUrl,
    Map<String, String> eventTypes, Map<String, String> statuses) {

  public OutboundProperties {
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
    source = source == null ? URI.create("/incident-response") : source;
    auditUrl = auditUrl == null || auditUrl.isBlank() ? "http://localhost:8080/api/incidents/{number}/report"
        : auditUrl.strip();
    eventTypes = eventTypes == null ? Map.of() : Map.copyOf(eventTypes);
    statuses = statuses == null ? Map.of() : Map.copyOf(statuses);
    TreeSet<String> missing = new TreeSet<>(NotificationTemplate.ids());
    missing.removeAll(eventTypes.keySet());
    if (!missing.isEmpty() && !eventTypes.isEmpty()) {
      throw new ChannelConfigurationException("incident-response.outbound.event-types lacks " + missing);
    }
  }

  /** The incident's state after this notification, e.g. {@code Mitigated}; the template name when none is configured. */
  public String status(String template) {
    return statuses.getOrDefault(template, template);
  }

  /** The CloudEvents type of a notification, e.g. {@code incident.resolved}. */
  public String eventType(String template) {
    String type = eventTypes.get(template);
    if (type == null) {
      throw new IllegalArgumentException("No event type for notification '" + template
          + "' under incident-response.outbound.event-types");
    }
    return type;
  }
}
