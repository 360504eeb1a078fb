package org.incidentresponse.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Monitoring intake: who may post alerts, how large a body may be, how alerts are grouped into
 * incidents, and how alert labels and annotations become the SOP's variables.
 *
 * @param tokens bearer tokens accepted on the intake endpoints (from {@code INCIDENT_INTAKE_TOKENS},
 *     comma-separated); none configured means the intake endpoints answer 503
 * @param maxBodySize largest accepted request body; larger bodies get 413
 * @param dedupBy one incident per Alertmanager/Grafana group key, or one per alert fingerprint
 * @param mapping where each incident field is read from in an alert
 */
@ConfigurationProperties("incident-response.intake")
public record IntakeProperties(List<String> tokens, DataSize maxBodySize, DedupBy dedupBy, Mapping mapping) {

  public enum DedupBy { GROUP_KEY, FINGERPRINT }

  public IntakeProperties {
    tokens = tokens == null ? List.of() : tokens.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
    maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
    dedupBy = dedupBy == null ? DedupBy.GROUP_KEY : dedupBy;
    mapping = mapping == null ? new Mapping(null, null, null, null, null, null, null, null, null, null, null) : mapping;
  }

  /**
   * The defaults below are the only ones: application.yaml shows them commented out.
   *
   * <p>Each field is a list of lookups, {@code labels.NAME} or {@code annotations.NAME}, tried in order
   * on the alert and then on the group's common labels and annotations; the first non-blank wins.
   *
   * @param severities alert severity value → DMN inputs impact and urgency, most severe first
   * @param trueValues label values read as {@code true} for customer impact and drill
   */
  public record Mapping(List<String> title, List<String> description, List<String> service,
      List<String> severity, List<String> customerImpact, List<String> runbookUrl, List<String> dashboardUrl,
      List<String> externalContacts, List<String> drill, Map<String, ImpactUrgency> severities,
      List<String> trueValues) {

    public Mapping {
      title = orDefault(title, "annotations.summary", "labels.alertname");
      description = orDefault(description, "annotations.description", "annotations.message");
      service = orDefault(service, "labels.service");
      severity = orDefault(severity, "labels.severity");
      customerImpact = orDefault(customerImpact, "labels.customer_impact");
      runbookUrl = orDefault(runbookUrl, "annotations.runbook_url");
      dashboardUrl = orDefault(dashboardUrl, "annotations.dashboard_url");
      externalContacts = orDefault(externalContacts, "annotations.external_contacts");
      drill = orDefault(drill, "labels.drill");
      if (severities == null || severities.isEmpty()) {
        severities = new LinkedHashMap<>();
        severities.put("critical", new ImpactUrgency("high", "high"));
        severities.put("warning", new ImpactUrgency("medium", "medium"));
        severities.put("info", new ImpactUrgency("low", "low"));
      }
      trueValues = orDefault(trueValues, "true", "yes", "1");
    }

    private static List<String> orDefault(List<String> value, String... defaults) {
      return value == null || value.isEmpty() ? List.of(defaults) : List.copyOf(value);
    }
  }

  /** The severity decision's inputs for one alert severity; null means unknown (the DMN picks SEV2). */
  public record ImpactUrgency(String impact, String urgency) {}
}
