package org.incidentresponse.intake;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A webhook notification from Prometheus Alertmanager (version "4") or Grafana alerting (version
 * "1", which adds title, state, message and per-alert dashboard links). Unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertWebhook(
    String version,
    String status,
    String receiver,
    String groupKey,
    Integer truncatedAlerts,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalURL,
    @JsonProperty("notification_reason") String notificationReason,
    List<Alert> alerts,
    // Grafana only
    String title,
    String state,
    String message,
    Long orgId) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Alert(
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      String startsAt,
      String endsAt,
      String generatorURL,
      String fingerprint,
      // Grafana only
      String dashboardURL,
      String panelURL,
      String silenceURL,
      Map<String, Object> values,
      String valueString) {

    public boolean firing() {
      return "firing".equals(status);
    }
  }

  public int truncated() {
    return truncatedAlerts == null ? 0 : truncatedAlerts;
  }
}
