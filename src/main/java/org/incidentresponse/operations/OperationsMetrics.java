package org.incidentresponse.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The counters an operator alerts on. Prometheus names:
 * {@code incident_response_notifications_sent_total{template}},
 * {@code incident_response_notifications_failed_total{template}} (each failed attempt),
 * {@code incident_response_alerts_received_total{source}},
 * {@code incident_response_alerts_deduplicated_total{source}} and
 * {@code incident_response_alerts_rejected_total{source}}.
 */
@Component
public class OperationsMetrics {

  static final String NOTIFICATIONS_SENT = "incident.response.notifications.sent";
  static final String NOTIFICATIONS_FAILED = "incident.response.notifications.failed";
  static final String ALERTS_RECEIVED = "incident.response.alerts.received";
  static final String ALERTS_DEDUPLICATED = "incident.response.alerts.deduplicated";
  static final String ALERTS_REJECTED = "incident.response.alerts.rejected";

  private static final List<String> SOURCES = List.of("alertmanager", "grafana", "api");

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public OperationsMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Present from the start (at 0), so alert rules and dashboards see every series.
    for (String source : SOURCES) {
      counter(ALERTS_RECEIVED, "source", source);
      counter(ALERTS_DEDUPLICATED, "source", source);
      counter(ALERTS_REJECTED, "source", source);
    }
    counter(NOTIFICATIONS_SENT, "template", "initial");
    counter(NOTIFICATIONS_FAILED, "template", "initial");
  }

  public void notificationSent(String template) {
    counter(NOTIFICATIONS_SENT, "template", tag(template)).increment();
  }

  public void notificationFailed(String template) {
    counter(NOTIFICATIONS_FAILED, "template", tag(template)).increment();
  }

  /** An alert or incident report arrived at the intake API (before deduplication). */
  public void alertReceived(String source) {
    counter(ALERTS_RECEIVED, "source", tag(source)).increment();
  }

  /** An alert matched an open incident (or a repeated delivery) and opened nothing new. */
  public void alertDeduplicated(String source) {
    counter(ALERTS_DEDUPLICATED, "source", tag(source)).increment();
  }

  /** An alert was refused: bad token, malformed payload, unknown labels. */
  public void alertRejected(String source) {
    counter(ALERTS_REJECTED, "source", tag(source)).increment();
  }

  private Counter counter(String name, String tagKey, String tagValue) {
    return counters.computeIfAbsent(name + '|' + tagValue,
        key -> Counter.builder(name).tag(tagKey, tagValue).register(registry));
  }

  private static String tag(String value) {
    return value == null || value.isBlank() ? "unknown" : value;
  }
}
