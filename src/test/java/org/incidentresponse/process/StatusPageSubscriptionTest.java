package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Subscribers of the status page through a public incident: double opt-in through the mailed link,
 * each public update of the chosen components exactly once to the confirmed subscribers only, and
 * one-click unsubscribe (RFC 8058) with the link of the List-Unsubscribe header.
 */
@Tag("postgres")
class StatusPageSubscriptionTest extends ProcessScenario {

  private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/status/subscriptions/(confirm|unsubscribe)\\?token=[A-Za-z0-9_-]{43})");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void confirmedSubscribersGetEachUpdateOfTheirComponentsOnceAndCanLeaveInOneClick() throws Exception {
    String searchFan = "search-" + run + "@example.net";
    String billingFan = "billing-" + run + "@example.net";
    String unconfirmed = "everything-" + run + "@example.net";
    assertThat(post("/status/subscriptions", "email=" + searchFan + "&component=search").body()).contains("Check your inbox");
    assertThat(post("/status/subscriptions", "email=" + billingFan + "&component=billing").statusCode()).isEqualTo(200);
    assertThat(post("/status/subscriptions", "email=" + unconfirmed).statusCode()).isEqualTo(200);

    MimeMessage confirmation = single(searchFan);
    assertThat(subject(confirmation)).isEqualTo("Example Corp status: confirm your subscription");
    assertThat(confirmation.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    String confirmPath = link(text(confirmation), "confirm");
    // The link only shows a button: a mail scanner opening it confirms nothing.
    assertThat(get(confirmPath).body()).contains("Confirm subscription");
    assertThat(status(searchFan)).isEqualTo("unconfirmed");
    assertThat(post("/status/subscriptions/confirm", confirmPath.substring(confirmPath.indexOf('?') + 1)).body())
        .contains("You are subscribed");
    assertThat(status(searchFan)).isEqualTo("confirmed");
    String billingConfirm = link(text(single(billingFan)), "confirm");
    post("/status/subscriptions/confirm", billingConfirm.substring(billingConfirm.indexOf('?') + 1));
    org.incidentresponse.TestMailServer.get().purgeEmailFromAllMailboxes();

    Map<String, Object> report = report("high", "high", true);
    report.put("service", "search");
    ProcessInstance incident = start(report);
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Search down"));
    String title = "Search results are missing " + run;
    complete(incident, "Task_ClassifyIncident", "commander",
        Map.of("publicIncident", true, "publicTitle", title, "publicImpact", "major_outage"));
    assertThat(mailsTo(searchFan)).singleElement().satisfies(mail -> {
      assertThat(subject(mail)).isEqualTo("Example Corp status: " + title + ": Investigating");
      assertThat(text(mail)).contains("We are investigating a problem affecting Search.");
      assertThat(mail.getHeader("List-Unsubscribe")[0]).matches("<http://localhost:8080/status/subscriptions/unsubscribe\\?token=.{43}>");
    });

    complete(incident, "Task_AssignResponseTeam", "commander",
        Map.of("incidentCommander", "commander", "responseTeam", "responder", "communicationsLead", "comms"));
    complete(incident, "Task_EstablishTimeline", "commander", Map.of("workaroundNeeded", true));
    advance(Duration.ofMinutes(31));
    complete(incident, "Task_ProvideStatusUpdate", "comms", Map.of("statusNote", "Index rebuilt",
        "publicState", "identified", "publicMessage", "A faulty index is being rebuilt."));
    complete(incident, "Task_ApplyWorkaround", "responder", Map.of("workaroundDescription", "Old index"));
    complete(incident, "Task_ResolveIncident", "responder", Map.of("rootCause", "Bad deploy",
        "resolutionSummary", "Rolled back", "followUpActions", "Canary"));
    assertThat(mailsTo(searchFan)).extracting(ProcessScenario::subject).containsExactly(
        "Example Corp status: " + title + ": Investigating", "Example Corp status: " + title + ": Identified",
        "Example Corp status: " + title + ": Monitoring", "Example Corp status: " + title + ": Resolved");
    assertThat(mailsTo(billingFan)).as("subscribed to another component").isEmpty();
    assertThat(mailsTo(unconfirmed)).as("never confirmed").isEmpty();

    // Nothing is left queued for a retry to send a second time.
    assertThat(jdbc.sql("SELECT COUNT(*) FROM status_delivery d JOIN status_subscriber s ON s.id = d.subscriber_id "
        + "WHERE s.email = ? AND d.sent_at IS NULL").param(searchFan).query(Integer.class).single()).isZero();

    // One click, as a mail client does it with List-Unsubscribe-Post, then no more mail.
    String unsubscribe = link(mailsTo(searchFan).get(0).getHeader("List-Unsubscribe")[0], "unsubscribe");
    assertThat(post(unsubscribe, "List-Unsubscribe=One-Click").body()).contains("Unsubscribed");
    assertThat(status(searchFan)).isEqualTo("none");
    advance(Duration.ofHours(1));
    complete(incident, "Task_ConductPostIncidentReview", "commander", Map.of("reviewTimeline", "t",
        "reviewRootCause", "r", "reviewWentWell", "w", "reviewWentBadly", "b", "reviewLessonsLearned", "l",
        "reviewActionItems", "a"));
    assertThat(mailsTo(searchFan)).hasSize(4);
  }

  private String status(String email) {
    return jdbc.sql("SELECT confirmed_at FROM status_subscriber WHERE email = ?").param(email)
        .query((rs, row) -> rs.getTimestamp(1) == null ? "unconfirmed" : "confirmed").optional().orElse("none");
  }

  private static MimeMessage single(String address) {
    List<MimeMessage> mails = mailsTo(address);
    assertThat(mails).as("mail to %s", address).hasSize(1);
    return mails.get(0);
  }

  private static String link(String text, String kind) {
    Matcher matcher = LINK.matcher(text);
    while (matcher.find()) {
      if (matcher.group(2).equals(kind)) {
        return matcher.group(1);
      }
    }
    throw new AssertionError("no " + kind + " link in " + text);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
