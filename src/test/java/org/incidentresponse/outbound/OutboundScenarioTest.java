package org.incidentresponse.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.audit.IncidentAudit;
import org.incidentresponse.audit.IncidentReport.TimelineEntry;
import org.incidentresponse.outbound.Receivers.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A SEV1 walked to closure with a Slack, a Mattermost and a Teams channel and a signed webhook
 * configured: each notification arrives once in every channel, in that channel's own format, with
 * the hostile title inert everywhere, and every webhook request carries a valid signature.
 */
@OutboundTest
class OutboundScenarioTest {

  static final String HOSTILE_TITLE = "Checkout @channel <!channel> <script>alert(1)</script> [click](https://evil.example) & co";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired IncidentAudit audit;

  OutboundDriver driver;

  @BeforeEach
  void setUp() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-30T10:00:00Z")));
    Receivers.get().reset();
    driver = new OutboundDriver(runtimeService, taskService, managementService, historyService);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aPageToTheOnCallPersonCarriesTheirAcknowledgeLinkAndTheStepsWaitInChat() throws Exception {
    Map<String, Object> report = new HashMap<>();
    report.put("title", "Card payments declined");
    report.put("description", "Every card payment is declined");
    report.put("service", "payment-gateway");
    report.put("impact", "high");
    report.put("urgency", "high");
    report.put("customerImpact", false);
    ProcessInstance incident = driver.start(report);
    try {
      String paged = (String) runtimeService.getVariable(incident.getId(), "pagedUsers");
      String acknowledge = (String) runtimeService.getVariable(incident.getId(), "acknowledgeUrl");
      // Team payments' primary alone (week 47 of the demo rotation: carol), with a link bound to them.
      assertThat(paged).isEqualTo("carol");
      assertThat(acknowledge).contains("/oncall/acknowledge/");

      assertThat(Receivers.get().received("/slack/ops")).filteredOn(r -> r.body().contains("Take this incident"))
          .singleElement().satisfies(page -> assertThat(page.body())
              .contains("paged: carol", "Acknowledge as carol", acknowledge)
              // The policy's first step waits 5 minutes (catalog/demo/teams.yaml), whatever the severity's default.
              .contains("within 5 min; unacknowledged, it escalates to the next step of the escalation policy")
              .doesNotContain("incident commanders"));
    } finally {
      runtimeService.deleteProcessInstance(incident.getId(), "test done");
    }
  }

  @Test
  void sev1WalkedToClosureReachesEveryChannelOnceInItsOwnFormat() throws Exception {
    Map<String, Object> report = new HashMap<>();
    report.put("title", HOSTILE_TITLE);
    report.put("description", "Customers cannot pay: 502 from /checkout");
    report.put("service", "checkout-api");
    report.put("impact", "high");
    report.put("urgency", "high");
    report.put("customerImpact", false);
    report.put("runbookUrl", "https://runbooks.example.org/checkout");
    // Slack fails the first message twice: it must still arrive exactly once, later.
    Receivers.get().script("/slack/ops", body -> body.contains("Take this incident"),
        Receivers.Answer.of(500, "internal_error"), Receivers.Answer.of(502, "bad gateway"));
    ProcessInstance incident = driver.start(report);
    String number = (String) runtimeService.getVariable(incident.getId(), "incidentNumber");

    driver.complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Confirmed"));
    driver.complete(incident, "Task_ClassifyIncident", "commander", Map.of());
    driver.complete(incident, "Task_AssignResponseTeam", "commander",
        Map.of("incidentCommander", "commander", "responseTeam", "responder", "communicationsLead", "comms"));
    driver.complete(incident, "Task_EstablishTimeline", "commander", Map.of("workaroundNeeded", true));
    driver.advance(Duration.ofMinutes(30));
    driver.complete(incident, "Task_ProvideStatusUpdate", "comms", Map.of("statusNote", "Failing over <now>"));
    driver.complete(incident, "Task_ApplyWorkaround", "responder",
        Map.of("workaroundDescription", "Traffic failed over to the secondary gateway"));
    driver.complete(incident, "Task_ResolveIncident", "responder", Map.of("rootCause", "Expired certificate",
        "resolutionSummary", "Certificate renewed", "followUpActions", "Automate renewal"));
    driver.complete(incident, "Task_ConductPostIncidentReview", "commander", Map.of("reviewTimeline", "10:00 alert",
        "reviewRootCause", "Expiry not monitored", "reviewWentWell", "Failover", "reviewWentBadly", "Renewal",
        "reviewLessonsLearned", "Alert on expiry", "reviewActionItems", "Expiry alert"));
    // The page's third attempt to Slack is due 5 minutes after its second.
    driver.advance(Duration.ofMinutes(5));

    List<String> sent = driver.notificationsSent(incident);
    assertThat(sent).contains("page", "initial", "timeline", "update", "mitigated", "resolved", "closed");

    // Once per channel and notification, as the deliveries recorded them.
    for (String channel : List.of("slack/ops", "mattermost/ops", "teams/leadership", "webhook/ticketing")) {
      assertThat(driver.deliveries(number + "/").stream().filter(d -> d.channel().equals(channel))
          .map(DeliveryRecord::template)).as(channel).containsExactlyInAnyOrderElementsOf(sent);
    }
    assertThat(driver.deliveries(number + "/")).allSatisfy(d -> assertThat(d.attempts())
        .isEqualTo(d.channel().equals("slack/ops") && d.template().equals("page") ? 3 : 1));

    // The two refused attempts reached the receiver too; only the third was accepted.
    List<Received> slackAttempts = Receivers.get().received("/slack/ops");
    assertThat(slackAttempts).hasSize(sent.size() + 2);
    assertThat(slackAttempts).filteredOn(r -> r.answered() != 200).extracting(Received::answered)
        .containsExactly(500, 502);
    List<Received> slack = slackAttempts.stream().filter(r -> r.answered() == 200).toList();
    assertThat(slackAttempts).filteredOn(r -> r.answered() != 200).extracting(Received::body)
        .containsOnly(slack.stream().filter(r -> r.body().contains("Take this incident")).findFirst().orElseThrow().body());
    List<Received> mattermost = Receivers.get().received("/mattermost/ops");
    List<Received> teams = Receivers.get().received("/teams/leadership");
    List<Received> webhook = Receivers.get().received("/webhook/ticketing");
    assertThat(List.of(slack.size(), mattermost.size(), teams.size(), webhook.size())).containsOnly(sent.size());
    assertThat(Receivers.get().received("/slack/flaky")).isEmpty();

    // No raw markup character in any body: JSON escapes <, > and & for receivers that paste values into HTML.
    for (List<Received> channel : List.of(slack, mattermost, teams, webhook)) {
      assertThat(channel).allSatisfy(r -> assertThat(r.body()).doesNotContain("<", ">", "&"));
    }

    List<String> slackTemplates = new ArrayList<>();
    for (Received message : slack) {
      JsonNode json = JSON.readTree(message.body());
      assertThat(PayloadSchemas.slackMessage().validate(json)).isEmpty();
      assertThat(json.path("blocks").get(0).path("type").asText()).isEqualTo("header");
      String header = json.path("blocks").get(0).path("text").path("text").asText();
      assertThat(header).startsWith(number + " · SEV1 · ");
      // Every mrkdwn text: the title's <!channel> and link syntax are entities, not markup.
      for (JsonNode node : json.findParents("type")) {
        if ("mrkdwn".equals(node.path("type").asText())) {
          assertThat(node.path("text").asText()).doesNotContain("<", ">");
        }
      }
      assertThat(json.path("text").asText()).contains("&lt;!channel&gt;").contains("&lt;script&gt;")
          .contains("&amp; co").doesNotContain("<");
      String context = json.path("blocks").get(json.path("blocks").size() - 1).path("elements").get(0).path("text").asText();
      slackTemplates.add(context.substring(context.lastIndexOf(' ') + 1));
      assertThat(json.findValuesAsText("url")).contains("https://runbooks.example.org/checkout",
          "http://localhost:8080/api/incidents/" + number + "/report");
    }
    assertThat(slackTemplates).containsExactlyInAnyOrderElementsOf(sent);
    JsonNode slackResolved = JSON.readTree(slack.get(slackTemplates.indexOf("resolved")).body());
    assertThat(slackResolved.toString()).contains("Certificate renewed").contains("*Commander*\\ncommander");

    for (Received message : mattermost) {
      JsonNode attachment = JSON.readTree(message.body()).path("attachments").get(0);
      assertThat(attachment.path("color").asText()).isEqualTo("#d62728");
      assertThat(attachment.path("title").asText()).contains("@\u200Bchannel").contains("\\<script\\>")
          .contains("\\[click\\]\\(https://evil\\.example\\)").doesNotContain("[click](");
    }

    for (Received message : teams) {
      JsonNode json = JSON.readTree(message.body());
      assertThat(json.path("type").asText()).isEqualTo("message");
      JsonNode attachment = json.path("attachments").get(0);
      assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
      JsonNode card = attachment.path("content");
      assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
      assertThat(card.path("version").asText()).isEqualTo("1.5");
      assertThat(PayloadSchemas.adaptiveCard().validate(card)).isEmpty();
      assertThat(card.path("body").get(0).path("text").asText()).contains("\\[click\\]\\(https://evil\\.example\\)");
    }

    // Every webhook request: a CloudEvent, signed; ids unique, the one in the header and the event alike.
    byte[] key = Base64.getDecoder().decode(OutboundTest.WEBHOOK_SECRET.substring("whsec_".length()));
    HashSet<String> ids = new HashSet<>();
    List<String> types = new ArrayList<>();
    for (Received request : webhook) {
      assertThat(request.headers().get("content-type")).startsWith("application/cloudevents+json");
      String id = request.headers().get("webhook-id");
      String timestamp = request.headers().get("webhook-timestamp");
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String expected = "v1," + Base64.getEncoder().encodeToString(
          mac.doFinal((id + "." + timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
      assertThat(request.headers().get("webhook-signature")).isEqualTo(expected);
      JsonNode event = JSON.readTree(request.body());
      assertThat(PayloadSchemas.cloudEvent().validate(event)).isEmpty();
      assertThat(event.path("id").asText()).isEqualTo(id);
      assertThat(event.path("subject").asText()).isEqualTo(number);
      assertThat(event.path("data").path("incident").path("title").asText()).isEqualTo(HOSTILE_TITLE);
      ids.add(id);
      types.add(event.path("type").asText());
    }
    assertThat(ids).hasSize(webhook.size());

    // The audit timeline shows every delivery: channel, notification, outcome; never a URL.
    List<TimelineEntry> deliveries = audit.report(number).orElseThrow().timeline().stream()
        .filter(e -> e.kind().equals("delivery")).toList();
    assertThat(deliveries).hasSize(4 * sent.size());
    assertThat(deliveries).extracting(TimelineEntry::title)
        .contains("Notification resolved delivered to teams/leadership", "Notification page delivered to slack/ops");
    assertThat(deliveries).extracting(TimelineEntry::detail).containsOnly("1 attempt; HTTP 200", "3 attempts; HTTP 200");
    assertThat(deliveries).filteredOn(e -> e.title().equals("Notification page delivered to slack/ops"))
        .singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("3 attempts; HTTP 200"));
    assertThat(audit.report(number).orElseThrow().toString()).doesNotContain(Receivers.get().baseUrl());
    assertThat(types).contains("incident.opened", "incident.classified", "incident.updated", "incident.mitigated",
        "incident.resolved", "incident.closed");
  }
}
