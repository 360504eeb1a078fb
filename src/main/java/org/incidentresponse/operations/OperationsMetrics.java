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
 *
 * <p>The intake counters, with source alertmanager, grafana or api (POST /api/incidents), are
 * counted where the intake decides (org.incidentresponse.intake):
 * <ul>
 *   <li>received: every alert the intake answered for. An accepted notification counts one per alert
 *       group (one per incident it concerns; with the default group-key grouping, one per
 *       notification), counted again when the same notification is delivered again; a report counts
 *       one; a refused request counts one.</li>
 *   <li>deduplicated: of the accepted ones, each that opened no incident: a repeated delivery of a
 *       notification already processed, a firing alert or a recovery recorded on the incident that is
 *       already open for its group (a first recovery too: it is recorded as evidence, and a person
 *       still resolves the incident), a recovery repeated or for a group with nothing open, a report
 *       with the dedup key of an open incident.</li>
 *   <li>rejected: each request refused as the sender's fault (4xx): missing or wrong token, wrong
 *       content type, body too large, malformed or incomplete payload.</li>
 * </ul>
 * So {@code received = opened + deduplicated + rejected}, and the incidents that monitoring opened
 * are {@code received - deduplicated - rejected}. A request that failed on the server's side (503:
 * database down or no token configured; 500) counts in none of them: nothing was decided, the sender
 * retries, and {@code http_server_requests_seconds_count} shows it.
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

  /** An alert or incident report was accepted or refused by the intake API (before deduplication). */
  public void alertReceived(String source) {
    counter(ALERTS_RECEIVED, "source", tag(source)).increment();
  }

  /** An accepted alert or report opened no incident (a repeated delivery, or its incident is open). */
  public void alertDeduplicated(String source) {
    counter(ALERTS_DEDUPLICATED, "source", tag(source)).increment();
  }

  /** A request was refused as the sender's fault (4xx): bad token, wrong content type, too large, malformed. */
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
