package org.incidentresponse.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.AppTest;
import org.incidentresponse.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Subscription requests: bad input refused with nothing stored, limits per address, and the 7-day clean-up. */
@Tag("postgres")
@AppTest
class SubscriptionRequestTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired Subscriptions subscriptions;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anInvalidAddressOrAnUnknownComponentIsRefusedAndNothingIsStored() throws Exception {
    HttpResponse<String> invalid = post("email=not-an-address-" + run, "text/html");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("Enter a valid e-mail address");
    String address = "unknown-" + run + "@example.net";
    HttpResponse<String> unknown = post("email=" + address + "&component=no-such-thing", "application/json");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = new ObjectMapper().readTree(unknown.body());
    assertThat(problem.path("detail").asText()).isEqualTo("There is no component 'no-such-thing' on this page.");
    assertThat(rows(address)).isZero();
    assertThat(TestMailServer.messagesTo(address)).isEmpty();
  }

  @Test
  void theSameAddressIsLimitedAndTheAnswerNeverSaysWhetherItIsSubscribed() throws Exception {
    String address = "limited-" + run + "@example.net";
    String first = main(post("email=" + address, "text/html").body());
    String second = main(post("email=" + address, "text/html").body());
    assertThat(second).isEqualTo(first).contains("Check your inbox");
    assertThat(post("email=" + address.toUpperCase(), "text/html").statusCode()).isEqualTo(200);
    HttpResponse<String> limited = post("email=" + address, "text/html");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.body()).contains("Too many subscription requests for this address");
    // One subscriber; each request renewed its link, the last link is the one that works.
    assertThat(rows(address)).isOne();
    assertThat(TestMailServer.messagesTo(address)).hasSize(3);
  }

  @Test
  void unconfirmedSubscriptionsAreDeletedAfterSevenDays() throws Exception {
    String address = "forgotten-" + run + "@example.net";
    assertThat(post("email=" + address, "text/html").statusCode()).isEqualTo(200);
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(6).toMillis()));
    subscriptions.deleteUnconfirmed();
    assertThat(rows(address)).isOne();
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(7).plusMinutes(1).toMillis()));
    subscriptions.deleteUnconfirmed();
    assertThat(rows(address)).isZero();
  }

  @Test
  void communicationsListAndExportTheSubscribersOthersCannot() throws Exception {
    String address = "export-" + run + "@example.net";
    assertThat(post("email=" + address + "&component=checkout&component=search", "text/html").statusCode()).isEqualTo(200);
    HttpResponse<String> json = get("/api/status-page/subscribers", "application/json", "comms");
    assertThat(json.statusCode()).isEqualTo(200);
    JsonNode row = java.util.stream.StreamSupport.stream(new ObjectMapper().readTree(json.body()).spliterator(), false)
        .filter(node -> node.path("email").asText().equals(address)).findFirst().orElseThrow();
    assertThat(row.path("components").toString()).isEqualTo("[\"checkout\",\"search\"]");
    assertThat(row.path("confirmedAt").isNull()).isTrue();
    HttpResponse<String> csv = get("/api/status-page/subscribers", "text/csv", "comms");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains(".csv"));
    assertThat(csv.body()).startsWith("email,components,subscribed_at,confirmed_at\r\n")
        .contains("\"" + address + "\",\"checkout search\",");
    HttpResponse<String> responder = get("/api/status-page/subscribers", "text/csv", "responder");
    assertThat(responder.statusCode()).isEqualTo(403);
    assertThat(responder.body()).doesNotContain(address);
    assertThat(get("/api/status-page/subscribers", "application/json", null).statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> get(String path, String accept, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept);
    if (user != null) {
      request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
          .encodeToString((user + ":" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String main(String page) {
    return page.substring(page.indexOf("<main>"), page.indexOf("</main>"));
  }

  private int rows(String address) {
    return jdbc.sql("SELECT COUNT(*) FROM status_subscriber WHERE email = ?").param(address.toLowerCase())
        .query(Integer.class).single();
  }

  private HttpResponse<String> post(String form, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/status/subscriptions"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", accept)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
