package org.incidentresponse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.incidentresponse.intake.IntakeProperties.DedupBy;
import org.junit.jupiter.api.Test;

/** Parsing and mapping of real Alertmanager and Grafana webhook payloads (src/test/resources/intake). */
class AlertMapperTest {

  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  final AlertMapper mapper = new AlertMapper(new IntakeProperties(null, null, null, null));

  static AlertWebhook sample(String name) {
    try (InputStream in = AlertMapperTest.class.getResourceAsStream("/intake/" + name)) {
      return JSON.readValue(in, AlertWebhook.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode sampleTree(String name) {
    try (InputStream in = AlertMapperTest.class.getResourceAsStream("/intake/" + name)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void alertmanagerFiringMapsToSeverityInputsLinksAndReportedAt() {
    AlertWebhook webhook = sample("alertmanager-firing.json");
    mapper.validate("alertmanager", "4", webhook);
    List<AlertGroup> groups = mapper.groups("alertmanager", webhook);
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).resolved()).isFalse();
    assertThat(groups.get(0).dedupKey()).isEqualTo("alertmanager:" + webhook.groupKey());

    Map<String, Object> vars = mapper.incidentVariables(groups.get(0));
    assertThat(vars).containsEntry("title", "Checkout API error rate above 5%")
        .containsEntry("service", "checkout-api")
        .containsEntry("impact", "high").containsEntry("urgency", "high") // most severe alert: critical
        .containsEntry("customerImpact", true)
        .containsEntry("drill", false)
        .containsEntry("source", "alertmanager")
        .containsEntry("runbookUrl", "https://runbooks.example.org/checkout/high-error-rate")
        .containsEntry("reportedAt", Date.from(Instant.parse("2026-11-29T20:51:03.121Z")))
        .containsEntry("alertCount", 1);
    assertThat((String) vars.get("generatorUrl")).startsWith("http://prometheus.example.org:9090/graph");
    assertThat((String) vars.get("description")).contains("12.4%");
    assertThat(vars).doesNotContainKey("alertsTruncated");
  }

  @Test
  void grafanaFiringMapsDashboardPanelAndOffsetTime() {
    AlertWebhook webhook = sample("grafana-firing.json");
    mapper.validate("grafana", "1", webhook);
    assertThat(webhook.state()).isEqualTo("alerting");
    assertThat(webhook.alerts().get(0).values()).containsEntry("B", 2.81);
    Map<String, Object> vars = mapper.incidentVariables(mapper.groups("grafana", webhook).get(0));
    assertThat(vars).containsEntry("title", "Payments are slow")
        .containsEntry("service", "payments")
        .containsEntry("impact", "medium").containsEntry("urgency", "medium")
        .containsEntry("customerImpact", false)
        .containsEntry("dashboardUrl", "https://grafana.example.org/d/payments-overview?orgId=1&viewPanel=4")
        .containsEntry("reportedAt", Date.from(Instant.parse("2026-11-29T19:40:00Z")));
  }

  @Test
  void unknownSeverityLeavesImpactAndUrgencyUnknown() {
    ObjectNode tree = sampleTree("alertmanager-firing.json");
    tree.withArray("alerts").forEach(a -> ((ObjectNode) a.get("labels")).put("severity", "page-someone"));
    Map<String, Object> vars = mapper.incidentVariables(mapper.groups("alertmanager", JSON.convertValue(tree, AlertWebhook.class)).get(0));
    assertThat(vars).containsEntry("impact", null).containsEntry("urgency", null);
  }

  @Test
  void mappingComesFromConfiguration() {
    var mapping = new IntakeProperties.Mapping(List.of("labels.alertname"), null, List.of("labels.job"),
        List.of("labels.priority"), null, null, null, null, null,
        Map.of("p1", new IntakeProperties.ImpactUrgency("high", "medium")), null);
    AlertMapper custom = new AlertMapper(new IntakeProperties(null, null, null, mapping));
    ObjectNode tree = sampleTree("alertmanager-firing.json");
    tree.withArray("alerts").forEach(a -> ((ObjectNode) a.get("labels")).put("priority", "P1"));
    Map<String, Object> vars = custom.incidentVariables(custom.groups("alertmanager", JSON.convertValue(tree, AlertWebhook.class)).get(0));
    assertThat(vars).containsEntry("title", "CheckoutHighErrorRate").containsEntry("service", "checkout-api")
        .containsEntry("impact", "high").containsEntry("urgency", "medium");
  }

  @Test
  void resolvedSampleIsOneResolvedGroup() {
    AlertWebhook webhook = sample("alertmanager-resolved.json");
    mapper.validate("alertmanager", "4", webhook);
    AlertGroup group = mapper.groups("alertmanager", webhook).get(0);
    assertThat(group.resolved()).isTrue();
    assertThat(mapper.describe(group)).startsWith("alertmanager resolved").contains("until 2026-11-29T21:20:03.121Z");
  }

  @Test
  void idempotencyKeyIsStableForRedeliveryAndDiffersForNewContent() {
    AlertWebhook firing = sample("alertmanager-firing.json");
    ObjectNode reordered = sampleTree("alertmanager-firing.json");
    ArrayNode alerts = reordered.withArray("alerts");
    var first = alerts.remove(0);
    alerts.add(first);
    reordered.put("receiver", "another-peer-same-notification");
    String key = mapper.idempotencyKey("alertmanager", firing);
    assertThat(mapper.idempotencyKey("alertmanager", JSON.convertValue(reordered, AlertWebhook.class))).isEqualTo(key);
    assertThat(mapper.idempotencyKey("alertmanager", sample("alertmanager-resolved.json"))).isNotEqualTo(key);
    assertThat(mapper.idempotencyKey("grafana", firing)).isNotEqualTo(key);
    ObjectNode newFiring = sampleTree("alertmanager-firing.json");
    ((ObjectNode) newFiring.withArray("alerts").get(0)).put("startsAt", "2026-11-30T08:00:00Z");
    assertThat(mapper.idempotencyKey("alertmanager", JSON.convertValue(newFiring, AlertWebhook.class))).isNotEqualTo(key);
  }

  @Test
  void fingerprintModeMakesOneGroupPerAlert() {
    AlertMapper byFingerprint = new AlertMapper(new IntakeProperties(null, null, DedupBy.FINGERPRINT, null));
    List<AlertGroup> groups = byFingerprint.groups("alertmanager", sample("alertmanager-firing.json"));
    assertThat(groups).extracting(AlertGroup::dedupKey)
        .containsExactlyInAnyOrder("alertmanager:fingerprint:c1f0e4b53f3a0d7e", "alertmanager:fingerprint:5a2be6d9c0c47f11");
    assertThat(byFingerprint.incidentVariables(groups.stream().filter(g -> g.dedupKey().endsWith("5a2be6d9c0c47f11")).findFirst().orElseThrow()))
        .containsEntry("impact", "medium");
  }

  @Test
  void truncatedAlertsAreAcceptedAndRecorded() {
    ObjectNode tree = sampleTree("alertmanager-firing.json");
    tree.put("truncatedAlerts", 3);
    AlertWebhook webhook = JSON.convertValue(tree, AlertWebhook.class);
    mapper.validate("alertmanager", "4", webhook);
    Map<String, Object> vars = mapper.incidentVariables(mapper.groups("alertmanager", webhook).get(0));
    assertThat(vars).containsEntry("alertsTruncated", 3);
    assertThat((String) vars.get("description")).contains("3 more alerts were not sent");
  }

  @Test
  void invalidPayloadsAreRejectedWithTheReason() {
    assertRejected(tree -> tree.put("version", "5"), "unsupported alertmanager payload version '5'");
    assertRejected(tree -> tree.remove("version"), "missing field 'version'");
    assertRejected(tree -> tree.remove("groupKey"), "missing field 'groupKey'");
    assertRejected(tree -> tree.put("status", "pending"), "'status' must be firing or resolved");
    assertRejected(tree -> tree.putArray("alerts"), "missing field 'alerts'");
    assertRejected(tree -> ((ObjectNode) tree.withArray("alerts").get(1)).remove("fingerprint"), "alerts[1].fingerprint");
    assertRejected(tree -> ((ObjectNode) tree.withArray("alerts").get(0)).put("startsAt", "yesterday"), "not an RFC 3339 time");
    assertRejected(tree -> ((ObjectNode) tree.withArray("alerts").get(0)).remove("labels"), "alerts[0].labels");
  }

  private void assertRejected(java.util.function.Consumer<ObjectNode> change, String reason) {
    ObjectNode tree = sampleTree("alertmanager-firing.json");
    change.accept(tree);
    AlertWebhook webhook = JSON.convertValue(tree, AlertWebhook.class);
    assertThatThrownBy(() -> mapper.validate("alertmanager", "4", webhook))
        .isInstanceOf(IntakeRejected.class).hasMessageContaining(reason);
  }
}
