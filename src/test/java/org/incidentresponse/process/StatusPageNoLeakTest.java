package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nothing internal reaches the public side: a marker is planted in every internal field an incident
 * has (title, description, reporter, contacts, URLs, triage and override notes, team, status note,
 * workaround, root cause, resolution, review), the incident is driven through the SOP as a public
 * incident, and every public output is searched for the marker at each state.
 */
class StatusPageNoLeakTest extends ProcessScenario {

  private static final List<String> PUBLIC_OUTPUTS = List.of("/status", "/status/history",
      "/status/api/v2/summary.json", "/status/api/v2/status.json", "/status/api/v2/components.json",
      "/status/api/v2/incidents.json", "/status/api/v2/incidents/unresolved.json", "/status/feed.atom",
      "/status/feed.rss", "/status/api/v2/scheduled-maintenances.json");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String marker = "zqleak" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void noInternalFieldEverReachesThePageTheJsonTheFeedsOrSubscriberMail() throws Exception {
    String subscriber = "watcher-" + marker.substring(6) + "@example.net";
    post("/status/subscriptions", "email=" + subscriber + "&component=billing");
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("confirm\\?(token=[A-Za-z0-9_-]+)")
        .matcher(text(mailsTo(subscriber).get(0)));
    assertThat(link.find()).isTrue();
    post("/status/subscriptions/confirm", link.group(1));

    Map<String, Object> report = new HashMap<>();
    report.put("title", "Title " + marker);
    report.put("description", "Description " + marker);
    report.put("service", "billing");
    report.put("impact", "high");
    report.put("urgency", "high");
    report.put("customerImpact", true);
    report.put("externalContacts", marker + "@customer.example");
    report.put("runbookUrl", "https://" + marker + ".example.org/runbook");
    report.put("dashboardUrl", "https://" + marker + ".example.org/dashboard");
    report.put("generatorUrl", "https://" + marker + ".example.org/alert");
    report.put("reporter", marker);
    ProcessInstance incident = start(report);
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Triage " + marker));
    String title = "Invoices are delayed " + UUID.randomUUID();
    complete(incident, "Task_ClassifyIncident", "commander", Map.of("severity", "SEV2",
        "severityOverrideReason", "Override " + marker, "publicIncident", true, "publicTitle", title,
        "publicImpact", "partial_outage"));
    String id = jdbc.sql("SELECT id FROM status_incident WHERE process_instance_id = ?").param(incident.getId())
        .query(String.class).single();
    assertNothingLeaks(id, title);

    complete(incident, "Task_AssignResponseTeam", "commander",
        Map.of("incidentCommander", "commander", "responseTeam", "responder " + marker, "communicationsLead", "comms"));
    complete(incident, "Task_EstablishTimeline", "commander", Map.of("workaroundNeeded", true));
    advance(Duration.ofMinutes(61));
    complete(incident, "Task_ProvideStatusUpdate", "comms", Map.of("statusNote", "Note " + marker,
        "publicState", "identified", "publicMessage", "We know what is wrong."));
    complete(incident, "Task_ApplyWorkaround", "responder", Map.of("workaroundDescription", "Workaround " + marker));
    assertNothingLeaks(id, title);

    complete(incident, "Task_ResolveIncident", "responder", Map.of("rootCause", "Cause " + marker,
        "resolutionSummary", "Resolution " + marker, "followUpActions", "Actions " + marker));
    complete(incident, "Task_ConductPostIncidentReview", "commander", Map.of("reviewTimeline", marker,
        "reviewRootCause", marker, "reviewWentWell", marker, "reviewWentBadly", marker,
        "reviewLessonsLearned", marker, "reviewActionItems", marker));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(incident.getId()).count()).isZero();
    assertNothingLeaks(id, title);
    // Confirmation, investigating, identified, monitoring, resolved, closed.
    assertThat(mailsTo(subscriber)).hasSize(6).allSatisfy(mail -> {
      assertThat(subject(mail)).doesNotContainIgnoringCase(marker);
      assertThat(text(mail)).doesNotContainIgnoringCase(marker);
    });
    assertThat(subject(mailsTo(subscriber).get(1))).contains(title);
  }

  private void post(String path, String form) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s", path).isEqualTo(200);
  }

  /** The marker nowhere; the public title on every output that lists incidents, so the search is real. */
  private void assertNothingLeaks(String id, String title) throws Exception {
    for (String path : PUBLIC_OUTPUTS) {
      assertThat(get(path)).as("GET %s", path).doesNotContainIgnoringCase(marker);
    }
    assertThat(get("/status/incidents/" + id)).contains(title).doesNotContainIgnoringCase(marker);
    assertThat(get("/status/api/v2/incidents.json")).contains(title);
    assertThat(get("/status/feed.atom")).contains(title);
    assertThat(get("/status")).contains(title);
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
    return response.body();
  }
}
