package org.incidentresponse.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /api/status-page/maintenances}: a login of a scheduler group starts the maintenance
 * process and the page announces it; anyone else is refused; bad input is a problem detail listing
 * every problem, and nothing is started or stored.
 */
@Tag("postgres")
@AppTest
class MaintenanceApiTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private String started;

  @AfterEach
  void endTheMaintenance() {
    // Other tests share the page: this maintenance may not stay upcoming for them.
    if (started != null) {
      runtimeService.deleteProcessInstance(started, "test over");
      jdbc.sql("DELETE FROM status_delivery WHERE update_id IN (SELECT u.id FROM status_maintenance_update u "
          + "JOIN status_maintenance m ON m.id = u.maintenance_id WHERE m.process_instance_id = ?)").param(started).update();
      jdbc.sql("DELETE FROM status_maintenance_update WHERE maintenance_id IN (SELECT id FROM status_maintenance "
          + "WHERE process_instance_id = ?)").param(started).update();
      jdbc.sql("DELETE FROM status_maintenance WHERE process_instance_id = ?").param(started).update();
    }
  }

  @Test
  void aSchedulerSchedulesAMaintenanceAndThePageAnnouncesIt() throws Exception {
    String title = "Billing upgrade " + run;
    HttpResponse<String> response = post("scheduler", """
        {"title": "%s", "message": "Invoices cannot be downloaded for up to two hours.", "components": ["billing"],
         "startsAt": "2030-01-05T22:00:00Z", "endsAt": "2030-01-06T00:00:00+00:00"}""".formatted(title));
    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = json.readTree(response.body());
    started = body.get("processInstanceId").asText();
    assertThat(body.get("components").get(0).asText()).isEqualTo("billing");
    assertThat(body.get("endsAt").asText()).isEqualTo("2030-01-06T00:00:00Z");
    managementService.createJobQuery().processInstanceId(started).executable().list()
        .forEach(job -> managementService.executeJob(job.getId()));

    JsonNode upcoming = json.readTree(get("/status/api/v2/scheduled-maintenances/upcoming.json").body());
    JsonNode mine = null;
    for (JsonNode node : upcoming.get("scheduled_maintenances")) {
      if (node.get("name").asText().equals(title)) {
        mine = node;
      }
    }
    assertThat(mine).as("announced").isNotNull();
    assertThat(mine.get("status").asText()).isEqualTo("scheduled");
    assertThat(mine.get("scheduled_until").asText()).isEqualTo("2030-01-06T00:00:00.000Z");
    assertThat(mine.at("/components/0/id").asText()).isEqualTo("billing");
    assertThat(mine.at("/incident_updates/0/body").asText()).isEqualTo("Invoices cannot be downloaded for up to two hours.");
    assertThat(get("/status").body()).contains("Scheduled maintenance", title);

    // Communications may schedule as well.
    HttpResponse<String> comms = post("comms", """
        {"title": "x", "message": "y", "components": ["nope"], "startsAt": "2030-01-05T22:00:00Z", "endsAt": "2030-01-06T00:00:00Z"}""");
    assertThat(comms.statusCode()).as("a scheduler, with bad input").isEqualTo(400);
  }

  @Test
  void othersAreRefused() throws Exception {
    String valid = """
        {"title": "Refused %s", "message": "m", "components": ["billing"], "startsAt": "2030-01-05T22:00:00Z", "endsAt": "2030-01-06T00:00:00Z"}"""
        .formatted(run);
    HttpResponse<String> responder = post("responder", valid);
    assertThat(responder.statusCode()).isEqualTo(403);
    assertThat(responder.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json.readTree(responder.body()).get("detail").asText()).contains("maintenance-schedulers");
    assertThat(post(null, valid).statusCode()).isEqualTo(401);
    assertThat(stored("Refused " + run)).isZero();
  }

  @Test
  void badInputIsAProblemDetailWithEveryProblemAndNothingIsStarted() throws Exception {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(ScheduledMaintenance.PROCESS_KEY).count();
    HttpResponse<String> response = post("scheduler", """
        {"title": "Bad %s", "message": "", "components": ["billing", "payroll"], "startsAt": "tomorrow",
         "endsAt": "2020-01-01T00:00:00Z"}""".formatted(run));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("errors")).extracting(JsonNode::asText).containsExactly(
        "maintenanceMessage: a public message of 1 to 4000 characters is required",
        "maintenanceComponents: there is no component 'payroll' on the status page",
        "startsAt: 'tomorrow' is not an ISO 8601 time, e.g. 2026-12-06T22:00:00Z",
        "endsAt: the window must end in the future");
    assertThat(post("scheduler", "").statusCode()).as("no body").isEqualTo(400);
    assertThat(post("scheduler", "{not json").statusCode()).isEqualTo(400);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ScheduledMaintenance.PROCESS_KEY).count())
        .isEqualTo(before);
    assertThat(stored("Bad " + run)).isZero();
  }

  private int stored(String title) {
    return jdbc.sql("SELECT COUNT(*) FROM status_maintenance WHERE title = ?").param(title).query(Integer.class).single();
  }

  private HttpResponse<String> post(String user, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/status-page/maintenances"))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
