package org.incidentresponse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.incidentresponse.notification.NotificationIssued;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The quick start's chat: the demo channels of application-demo.yaml deliver to the app's own
 * /demo/chat receiver, which verifies the webhook's signature and shows what arrived to logged-in
 * users, escaped; forged or replayed webhook events are refused. The application-demo.yaml channels
 * are used as shipped, on a port picked for the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = "incident-response.demo.incidents=false")
@ContextConfiguration(initializers = DemoChatTest.FreePort.class)
// demo after test: its chat channels win over the test profile's none.
@ActiveProfiles({"test", "demo"})
class DemoChatTest {

  private static final String SECRET_KEY = "demo-chat-webhook-secret-key";

  @Autowired ApplicationEventPublisher events;
  @Autowired ManagementService managementService;
  @Autowired TestRestTemplate rest;

  @Test
  void demoChannelsDeliverToTheDemoReceiverWhichShowsThemToLoggedInUsers() {
    Map<String, Object> incident = new HashMap<>();
    incident.put("incidentNumber", "INC-DEMO-CHAT-1");
    incident.put("title", "Checkout down <script>alert(1)</script>");
    incident.put("severity", "SEV2");
    incident.put("service", "checkout-api");
    incident.put("resolutionSummary", "Rolled back.");
    events.publishEvent(new NotificationIssued("resolved", "no-such-process-instance", incident, Instant.now()));
    for (Job job : managementService.createJobQuery().processDefinitionKey("outbound-delivery").executable().list()) {
      managementService.executeJob(job.getId());
    }
    assertThat(managementService.createJobQuery().processDefinitionKey("outbound-delivery").withException().count())
        .as("every demo channel accepted its message").isZero();

    ResponseEntity<String> page = rest.withBasicAuth("responder", "responder").getForEntity("/demo/chat", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("slack/demo", "mattermost/demo", "teams/demo", "webhook/demo",
        "signature verified", "incident.resolved INC-DEMO-CHAT-1", "&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert");

    assertThat(rest.getForEntity("/demo/chat", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void forgedOrReplayedWebhookEventsAreRefused() {
    String body = "{\"specversion\":\"1.0\",\"id\":\"forged-1\",\"type\":\"incident.closed\",\"subject\":\"INC-FORGED\"}";
    long now = Instant.now().getEpochSecond();

    assertThat(post(body, "forged-1", now, "v1," + Base64.getEncoder().encodeToString(new byte[32])).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(post(body, "forged-1", now - 3600, sign("forged-1", now - 3600, body)).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(post(body, "forged-1", now, sign("forged-1", now, body.replace("closed", "opened"))).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("responder", "responder").getForEntity("/demo/chat", String.class).getBody())
        .doesNotContain("INC-FORGED");

    assertThat(post(body, "forged-1", now, sign("forged-1", now, body)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(rest.withBasicAuth("responder", "responder").getForEntity("/demo/chat", String.class).getBody())
        .contains("incident.closed INC-FORGED");
  }

  private ResponseEntity<String> post(String body, String id, long timestamp, String signature) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.valueOf("application/cloudevents+json"));
    headers.set("webhook-id", id);
    headers.set("webhook-timestamp", Long.toString(timestamp));
    headers.set("webhook-signature", signature);
    return rest.postForEntity("/demo/chat/webhook/demo", new HttpEntity<>(body, headers), String.class);
  }

  private static String sign(String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "v1," + Base64.getEncoder().encodeToString(
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A free port for the server, so the demo channels' http://localhost:${server.port} reaches it. */
  static class FreePort implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      try (ServerSocket socket = new ServerSocket(0)) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("demoChatPort",
            Map.of("server.port", socket.getLocalPort())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
