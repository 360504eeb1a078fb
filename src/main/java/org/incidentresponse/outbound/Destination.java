package org.incidentresponse.outbound;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * One configured chat channel or webhook, whatever its kind.
 *
 * @param kind its format
 * @param name its name in configuration, the audit and the metrics
 * @param url where to post; a secret, shown only as {@link #redactedUrl()}
 * @param secret the signing secret of a webhook; null for chat channels
 * @param notifications the notification templates it receives; empty means all
 * @param severities the severities it receives; empty means all
 */
public record Destination(ChannelKind kind, String name, URI url, String secret, Set<String> notifications,
    Set<String> severities) {

  public Destination {
    notifications = Set.copyOf(notifications);
    severities = Set.copyOf(severities);
  }

  /** Whether the notification {@code template} of an incident of {@code severity} goes here. */
  public boolean receives(String template, String severity) {
    return (notifications.isEmpty() || notifications.contains(template))
        && (severities.isEmpty() || severity == null || severities.contains(severity));
  }

  /** The URL with only scheme and host: what logs, the audit and Actuator may show. */
  public String redactedUrl() {
    return url.getScheme() + "://" + url.getHost() + "/…";
  }

  /** {@code slack/ops-incidents}: how the audit and the delivery's business key name it. */
  public String id() {
    return kind.id() + "/" + name;
  }

  /** Never the URL or the secret: records are printed by frameworks and debuggers. */
  @Override
  public String toString() {
    return "Destination[" + id() + " " + redactedUrl() + " notifications=" + notifications
        + " severities=" + severities + "]";
  }

  static Set<String> all(List<String> names) {
    if (names == null || names.isEmpty() || names.stream().anyMatch(n -> "all".equalsIgnoreCase(n.strip()))) {
      return Set.of();
    }
    return Set.copyOf(names.stream().map(String::strip).toList());
  }
}
