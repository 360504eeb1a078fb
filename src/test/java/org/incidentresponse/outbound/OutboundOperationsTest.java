package org.incidentresponse.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.notification.NotificationIssued;
import org.incidentresponse.outbound.Receivers.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * What operators see of the channels: {@code outbound} in {@code /actuator/health} with each
 * channel's state (up, retrying, failing) and redacted URL, and the sent/failed counters in
 * Prometheus; never a URL's secret part or a webhook secret.
 */
@OutboundTest
class OutboundOperationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired OutboundDispatch dispatch;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Value("${camunda.bpm.admin-user.id}") String adminId;
  @Value("${camunda.bpm.admin-user.password}") String adminPassword;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private JsonNode health() throws Exception {
    ResponseEntity<String> answer = rest.withBasicAuth(adminId, adminPassword).getForEntity("/actuator/health", String.class);
    assertNoSecret(answer.getBody());
    return JSON.readTree(answer.getBody()).get("components").get("outbound");
  }

  private static void assertNoSecret(String body) {
    assertThat(body).doesNotContain(Receivers.get().baseUrl()).doesNotContain("/slack/ops", "/teams/leadership")
        .doesNotContain("downSecretToken").doesNotContain(OutboundTest.WEBHOOK_SECRET, "a plain-text secret");
  }

  @Test
  void healthShowsEachChannelsStateWithARedactedUrl() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-02T09:00:00Z")));
    Receivers.get().reset();
    JsonNode before = health().get("details").get("channels");
    assertThat(before.get("slack/ops").get("state").asText()).isEqualTo("up");
    assertThat(before.get("slack/ops").get("url").asText()).isEqualTo("http://127.0.0.1/…");
    assertThat(before.get("mattermost/ops").get("state").asText()).isEqualTo("up");
    assertThat(before.get("teams/leadership").get("state").asText()).isEqualTo("up");
    assertThat(before.get("webhook/ticketing").get("url").asText()).isEqualTo("http://127.0.0.1/…");

    // One review-overdue reminder: slack/flaky refuses it (404), webhook/flaky is briefly unwell (500), slack/down is not there.
    Receivers.get().script("/slack/flaky", Answer.of(404, "no_service"));
    Receivers.get().script("/webhook/flaky", Answer.of(500, "boom"));
    OutboundDriver driver = new OutboundDriver(runtimeService, taskService, managementService, historyService);
    String number = "INC-OPS-" + System.nanoTime();
    driver.ownDeliveries(number + "/");
    Map<String, Object> incident = new HashMap<>();
    incident.put("incidentNumber", number);
    incident.put("title", "Nightly export late");
    incident.put("severity", "SEV4");
    incident.put("reviewDueAt", "2026-11-30T09:00:00Z");
    dispatch.issued(new NotificationIssued("review-overdue", "no-such-process-instance", incident,
        ClockUtil.getCurrentTime().toInstant()));
    driver.runDueJobs();

    JsonNode outbound = health();
    assertThat(outbound.get("status").asText()).isEqualTo("DOWN");
    JsonNode channels = outbound.get("details").get("channels");
    assertThat(channels.get("slack/flaky").get("state").asText()).isEqualTo("failing");
    assertThat(channels.get("slack/flaky").get("failing").asInt()).isPositive();
    assertThat(channels.get("webhook/flaky").get("state").asText()).isEqualTo("retrying");
    assertThat(channels.get("slack/down").get("state").asText()).isIn("retrying", "failing");
    assertThat(channels.get("slack/ops").get("state").asText()).isEqualTo("up");

    // Anonymous callers see only the overall status, no channel.
    ResponseEntity<String> anonymous = rest.getForEntity("/actuator/health", String.class);
    assertThat(anonymous.getBody()).doesNotContain("outbound", "slack");

    // The delivered message recovers webhook/flaky: retrying was a passing state.
    driver.advance(java.time.Duration.ofMinutes(1));
    assertThat(health().get("details").get("channels").get("webhook/flaky").get("state").asText()).isEqualTo("up");
  }

  @Test
  void prometheusCountsSentAndFailedPerChannelWithoutUrls() {
    String scrape = rest.withBasicAuth(adminId, adminPassword).getForEntity("/actuator/prometheus", String.class).getBody();

    assertThat(scrape).contains("incident_response_outbound_sent_total{channel=\"ops\",kind=\"slack\"",
        "incident_response_outbound_failed_total{channel=\"leadership\",kind=\"teams\"",
        "incident_response_outbound_sent_total{channel=\"ticketing\",kind=\"webhook\"");
    assertNoSecret(scrape);
  }
}
