package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The status page fed by the SOP: a customer-affecting SEV1 made public at classification goes from
 * investigating to resolved on /status, in the Statuspage JSON and in the Atom feed; an incident that
 * the commander keeps internal never appears. Each test uses a service that only it uses (the demo
 * profile maps "search" and "billing" to components), as the engine and database are shared.
 */
@Tag("postgres")
class StatusPageScenarioTest extends ProcessScenario {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void publicSev1GoesFromInvestigatingToResolvedOnThePageTheJsonAndTheFeed() throws Exception {
    Map<String, Object> report = report("high", "high", true);
    report.put("service", "search");
    report.put("title", "Internal " + UUID.randomUUID());
    ProcessInstance incident = start(report);
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Search cluster red"));

    // The commander's form is pre-set: public, as customers are affected; impact from the SEV1 policy.
    assertThat(runtimeService.getVariable(incident.getId(), "publicIncident")).isEqualTo(true);
    assertThat(runtimeService.getVariable(incident.getId(), "publicImpact")).isEqualTo("major_outage");

    String title = "Search is unavailable " + UUID.randomUUID();
    complete(incident, "Task_ClassifyIncident", "commander",
        Map.of("publicIncident", true, "publicTitle", title, "publicImpact", "partial_outage"));

    JsonNode open = incidentIn(json("/status/api/v2/summary.json").path("incidents"), title);
    assertThat(open.path("status").asText()).isEqualTo("investigating");
    assertThat(open.path("impact").asText()).isEqualTo("major");
    assertThat(open.path("components").findValuesAsText("id")).containsExactly("search");
    assertThat(open.path("incident_updates")).singleElement()
        .satisfies(update -> assertThat(update.path("body").asText()).startsWith("We are investigating a problem affecting Search."));
    assertThat(component(json("/status/api/v2/components.json"), "search")).isEqualTo("partial_outage");
    assertThat(page("/status")).contains(title).contains("Active incidents");

    complete(incident, "Task_AssignResponseTeam", "commander",
        Map.of("incidentCommander", "commander", "responseTeam", "responder", "communicationsLead", "comms"));
    complete(incident, "Task_EstablishTimeline", "commander", Map.of("workaroundNeeded", true));
    advance(Duration.ofMinutes(31));
    complete(incident, "Task_ProvideStatusUpdate", "comms", Map.of("statusNote", "Shard 3 lost quorum",
        "publicState", "identified", "publicMessage", "We found the cause & are <fixing> it."));
    JsonNode identified = incidentIn(json("/status/api/v2/incidents.json").path("incidents"), title);
    assertThat(identified.path("status").asText()).isEqualTo("identified");
    assertThat(identified.path("incident_updates").findValuesAsText("status")).containsExactly("identified", "investigating");

    complete(incident, "Task_ApplyWorkaround", "responder", Map.of("workaroundDescription", "Failed over to replica"));
    assertThat(incidentIn(json("/status/api/v2/incidents.json").path("incidents"), title).path("status").asText())
        .isEqualTo("monitoring");

    complete(incident, "Task_ResolveIncident", "responder", Map.of("rootCause", "Disk full",
        "resolutionSummary", "Disk grown", "followUpActions", "Alert on disk"));
    JsonNode resolved = incidentIn(json("/status/api/v2/incidents.json").path("incidents"), title);
    assertThat(resolved.path("status").asText()).isEqualTo("resolved");
    assertThat(resolved.path("resolved_at").asText()).isEqualTo("2026-11-30T10:31:00.000Z");
    assertThat(json("/status/api/v2/summary.json").path("incidents").findValuesAsText("name")).doesNotContain(title);
    assertThat(component(json("/status/api/v2/components.json"), "search")).isEqualTo("operational");

    advance(Duration.ofHours(1));
    complete(incident, "Task_ConductPostIncidentReview", "commander", Map.of("reviewTimeline", "t",
        "reviewRootCause", "r", "reviewWentWell", "w", "reviewWentBadly", "b", "reviewLessonsLearned", "l",
        "reviewActionItems", "a"));
    JsonNode closed = incidentIn(json("/status/api/v2/incidents.json").path("incidents"), title);
    assertThat(closed.path("incident_updates").findValuesAsText("status"))
        .containsExactly("resolved", "resolved", "monitoring", "identified", "investigating");
    assertThat(closed.path("incident_updates").get(0).path("body").asText())
        .isEqualTo("We have completed our review of this incident.");

    // The incident's own page shows every update, escaped; the feed has one entry per update.
    String id = closed.path("id").asText();
    assertThat(page("/status/incidents/" + id)).contains(title)
        .contains("We found the cause &amp; are &lt;fixing&gt; it.")
        .contains("A fix has been applied to Search and we are monitoring the results.");
    SyndFeed feed = new SyndFeedInput().build(new StringReader(page("/status/feed.atom")));
    List<SyndEntry> entries = feed.getEntries().stream().filter(e -> e.getLink().endsWith("/incidents/" + id)).toList();
    assertThat(entries).extracting(SyndEntry::getTitle).containsExactly(title + ": Resolved", title + ": Resolved",
        title + ": Monitoring", title + ": Identified", title + ": Investigating");
    assertThat(entries.get(3).getContents().isEmpty() ? entries.get(3).getDescription().getValue()
        : entries.get(3).getContents().get(0).getValue()).contains("We found the cause & are <fixing> it.");
  }

  @Test
  void anIncidentTheCommanderKeepsInternalNeverReachesThePage() throws Exception {
    Map<String, Object> report = report("medium", "medium", false);
    report.put("service", "billing");
    ProcessInstance incident = start(report);
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Invoices late"));
    // Customers not affected: the form proposes to keep it internal, and the commander agrees.
    assertThat(runtimeService.getVariable(incident.getId(), "publicIncident")).isEqualTo(false);
    complete(incident, "Task_ClassifyIncident", "commander");
    complete(incident, "Task_AssignResponseTeam", "commander",
        Map.of("incidentCommander", "commander", "responseTeam", "responder", "communicationsLead", "comms"));
    Map<String, Object> timeline = new HashMap<>();
    timeline.put("workaroundNeeded", false);
    complete(incident, "Task_EstablishTimeline", "commander", timeline);
    complete(incident, "Task_ResolveIncident", "responder", Map.of("rootCause", "Queue stuck",
        "resolutionSummary", "Queue restarted", "followUpActions", "None"));

    assertThat(jdbc.sql("SELECT COUNT(*) FROM status_incident WHERE process_instance_id = ?")
        .param(incident.getId()).query(Integer.class).single()).isZero();
  }

  @Test
  void aPublicIncidentWithoutAPublicTitleGetsTheConfiguredWordingNeverTheInternalTitle() throws Exception {
    Map<String, Object> report = report("high", "high", true);
    report.put("service", "billing");
    String internal = "Internal " + UUID.randomUUID();
    report.put("title", internal);
    ProcessInstance incident = start(report);
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "x"));
    complete(incident, "Task_ClassifyIncident", "commander");

    String id = jdbc.sql("SELECT id FROM status_incident WHERE process_instance_id = ?").param(incident.getId())
        .query(String.class).single();
    JsonNode published = StreamSupport.stream(json("/status/api/v2/incidents.json").path("incidents").spliterator(), false)
        .filter(node -> node.path("id").asText().equals(id)).findFirst().orElseThrow();
    assertThat(published.path("name").asText()).isEqualTo("Service disruption affecting Billing");
    assertThat(published.path("impact").asText()).isEqualTo("critical");
    assertThat(page("/status/incidents/" + id)).doesNotContain(internal);
    runtimeService.deleteProcessInstance(incident.getId(), "test done");
    jdbc.sql("UPDATE status_incident SET state = 'resolved', resolved_at = updated_at WHERE id = ?").param(id).update();
  }

  @Test
  void theCommanderChoosesTheAffectedComponentsFromTheConfiguredOnes() throws Exception {
    Map<String, Object> report = report("high", "high", true);
    report.put("service", "billing");
    ProcessInstance incident = start(report);
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "x"));

    // The checklist offers every configured component and ticks the service's.
    JsonNode choices = JSON.readTree(runtimeService.<org.camunda.spin.plugin.variable.value.JsonValue>getVariableTyped(incident.getId(), "statusComponents", false)
        .getValueSerialized().toString());
    assertThat(choices.findValuesAsText("value")).containsExactly("checkout", "search", "billing", "sign-in");
    assertThat(choices.findValuesAsText("label")).containsExactly("Checkout", "Search", "Billing", "Sign-in");
    assertThat(runtimeService.<org.camunda.spin.plugin.variable.value.JsonValue>getVariableTyped(incident.getId(), "publicComponents", false).getValueSerialized().replace(" ", ""))
        .isEqualTo("[\"billing\"]");

    // As Tasklist submits the checklist: a JSON array; an id that is not configured is ignored.
    String title = "Paying and invoices fail " + UUID.randomUUID();
    complete(incident, "Task_ClassifyIncident", "commander", Map.of("publicIncident", true, "publicTitle", title,
        "publicImpact", "partial_outage", "publicComponents",
        org.camunda.spin.plugin.variable.SpinValues.jsonValue("[\"checkout\", \"billing\", \"payroll\"]").create()));

    JsonNode open = incidentIn(json("/status/api/v2/incidents/unresolved.json").path("incidents"), title);
    assertThat(open.path("components").findValuesAsText("id")).containsExactly("checkout", "billing");
    assertThat(open.at("/incident_updates/0/body").asText()).startsWith("We are investigating a problem affecting Checkout, Billing.");
    assertThat(component(json("/status/api/v2/components.json"), "checkout")).isEqualTo("partial_outage");
    String id = open.path("id").asText();
    runtimeService.deleteProcessInstance(incident.getId(), "test done");
    jdbc.sql("UPDATE status_incident SET state = 'resolved', resolved_at = updated_at WHERE id = ?").param(id).update();
  }

  private static JsonNode incidentIn(JsonNode incidents, String title) {
    return StreamSupport.stream(incidents.spliterator(), false)
        .filter(node -> node.path("name").asText().equals(title)).findFirst()
        .orElseThrow(() -> new AssertionError("no incident named " + title + " in " + incidents));
  }

  private static String component(JsonNode json, String id) {
    return StreamSupport.stream(json.path("components").spliterator(), false)
        .filter(node -> node.path("id").asText().equals(id)).findFirst().orElseThrow().path("status").asText();
  }

  private JsonNode json(String path) throws Exception {
    return JSON.readTree(page(path));
  }

  private String page(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
    return response.body();
  }
}
