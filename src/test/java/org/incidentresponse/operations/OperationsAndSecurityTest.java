package org.incidentresponse.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 5's security and operations checks on the running app: every endpoint family without
 * credentials and with the wrong role, auditors cannot write, the webapps refuse forged CSRF, and
 * Actuator exposes health (no details for anonymous users), info and Prometheus metrics only.
 */
@AppTest
class OperationsAndSecurityTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired MeterRegistry meterRegistry;
  @Autowired ProcessGauges gauges;
  @LocalServerPort int port;
  @Value("${camunda.bpm.admin-user.id}") String adminId;
  @Value("${camunda.bpm.admin-user.password}") String adminPassword;

  // ---- Actuator ---------------------------------------------------------------------------------

  @Test
  void actuatorExposesHealthInfoAndPrometheusOnly() {
    for (String hidden : new String[] {"env", "beans", "configprops", "metrics", "loggers", "heapdump",
        "threaddump", "mappings", "shutdown", "scheduledtasks", "conditions"}) {
      assertThat(rest.withBasicAuth(adminId, adminPassword).getForEntity("/actuator/" + hidden, String.class).getStatusCode())
          .as("/actuator/%s", hidden).isEqualTo(HttpStatus.NOT_FOUND);
    }
    ResponseEntity<String> info = rest.getForEntity("/actuator/info", String.class);
    assertThat(info.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(info.getBody()).contains("\"build\"").contains("\"version\"");
    assertThat(rest.getForEntity("/actuator/health/readiness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void healthShowsDetailsOnlyToAdministratorsAndMonitoring() throws Exception {
    ResponseEntity<String> anonymous = rest.getForEntity("/actuator/health", String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = JSON.readTree(anonymous.getBody());
    assertThat(body.get("status").asText()).isEqualTo("UP");
    assertThat(body.has("components")).as("no components for anonymous users: %s", body).isFalse();
    assertThat(body.has("details")).isFalse();

    JsonNode responder = JSON.readTree(rest.withBasicAuth("responder", "responder")
        .getForEntity("/actuator/health", String.class).getBody());
    assertThat(responder.has("components")).as("no details for a responder").isFalse();

    JsonNode admin = JSON.readTree(rest.withBasicAuth(adminId, adminPassword)
        .getForEntity("/actuator/health", String.class).getBody());
    assertThat(admin.get("components").has("db")).as("%s", admin).isTrue();
    assertThat(admin.get("components").get("db").get("status").asText()).isEqualTo("UP");

    assertThat(rest.withBasicAuth("comms", "wrong").getForEntity("/actuator/health", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void prometheusNeedsAnAdministratorOrMonitoringUserAndHasTheSopMetrics() {
    assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("responder", "responder").getForEntity("/actuator/prometheus", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("auditor", "auditor").getForEntity("/actuator/prometheus", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    ProcessInstance instance = runtimeService.startProcessInstanceByKey("incident-response", report("high", "high"));
    try {
      gauges.expire();
      ResponseEntity<String> scrape = rest.withBasicAuth(adminId, adminPassword).getForEntity("/actuator/prometheus", String.class);
      assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(scrape.getBody())
          .containsPattern("incident_response_incidents_open\\{[^}]*severity=\"SEV1\"[^}]*} [1-9]")
          .contains("incident_response_incidents_open{", "severity=\"SEV4\"")
          .contains("incident_response_jobs_executable", "incident_response_jobs_failed")
          .contains("incident_response_notifications_sent_total", "incident_response_notifications_failed_total")
          .contains("incident_response_alerts_received_total", "incident_response_alerts_deduplicated_total",
              "incident_response_alerts_rejected_total");
    } finally {
      runtimeService.deleteProcessInstance(instance.getId(), "test");
    }
  }

  @Test
  void aNotificationSentIsCounted() {
    double before = sent("initial");
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("incident-response", report("low", "low"));
    try {
      complete(instance, "Task_TriageIncident", "responder", Map.of());
      complete(instance, "Task_ClassifyIncident", "commander", Map.of("severity", "SEV4"));
      Job notify = managementService.createJobQuery().processInstanceId(instance.getId()).activityId("Task_NotifyStakeholders").singleResult();
      managementService.executeJob(notify.getId());
      assertThat(sent("initial")).isEqualTo(before + 1);
    } finally {
      runtimeService.deleteProcessInstance(instance.getId(), "test");
    }
  }

  // ---- Every endpoint family: no credentials, wrong credentials, wrong role -------------------------

  @Test
  void engineRestNeedsCredentialsAndTheRightRole() throws Exception {
    assertThat(rest.getForEntity("/engine-rest/process-instance", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // A wrong password delays that user's next logins (Camunda's brute-force protection): use a user no other check needs.
    assertThat(rest.withBasicAuth("owner", "wrong").getForEntity("/engine-rest/process-instance", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("incident-response", report("high", "high"));
    try {
      ResponseEntity<String> delete = rest.withBasicAuth("responder", "responder")
          .exchange("/engine-rest/process-instance/" + instance.getId(), HttpMethod.DELETE, null, String.class);
      assertThat(delete.getStatusCode()).as(delete.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      ResponseEntity<String> users = rest.withBasicAuth("responder", "responder")
          .postForEntity("/engine-rest/user/create", json("{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"x\"}}"), String.class);
      assertThat(users.getStatusCode()).as(users.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    } finally {
      runtimeService.deleteProcessInstance(instance.getId(), "test");
    }
  }

  @Test
  void intakeApiNeedsItsBearerTokenAndCountsWhatItRefuses() {
    double rejected = counter(OperationsMetrics.ALERTS_REJECTED, "source", "alertmanager");
    double received = counter(OperationsMetrics.ALERTS_RECEIVED, "source", "api");
    String alert = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[]}";
    for (String path : new String[] {"/api/alerts/alertmanager", "/api/alerts/grafana", "/api/incidents"}) {
      assertThat(rest.postForEntity(path, json(alert), String.class).getStatusCode())
          .as("%s without a token", path).isEqualTo(HttpStatus.UNAUTHORIZED);
      HttpHeaders wrongToken = new HttpHeaders();
      wrongToken.setContentType(MediaType.APPLICATION_JSON);
      wrongToken.setBearerAuth("not-the-token");
      assertThat(rest.postForEntity(path, new HttpEntity<>(alert, wrongToken), String.class).getStatusCode())
          .as("%s with a wrong token", path).isEqualTo(HttpStatus.UNAUTHORIZED);
      // A Camunda user's password is no intake token either.
      assertThat(rest.withBasicAuth(adminId, adminPassword).postForEntity(path, json(alert), String.class).getStatusCode())
          .as("%s with basic auth", path).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    assertThat(counter(OperationsMetrics.ALERTS_REJECTED, "source", "alertmanager")).isEqualTo(rejected + 3);

    HttpHeaders token = new HttpHeaders();
    token.setContentType(MediaType.APPLICATION_JSON);
    token.setBearerAuth("demo-intake-token");
    ResponseEntity<String> report = rest.postForEntity("/api/incidents", new HttpEntity<>(
        "{\"title\":\"Metrics check\",\"service\":\"checkout-api\",\"impact\":\"low\",\"urgency\":\"low\"}", token),
        String.class);
    assertThat(report.getStatusCode().is2xxSuccessful()).as(report.getBody()).isTrue();
    // received counts every request that arrived: the three refused ones and the accepted report.
    assertThat(counter(OperationsMetrics.ALERTS_RECEIVED, "source", "api")).isEqualTo(received + 4);
  }

  @Test
  void incidentAuditApiNeedsCredentialsAndAReaderRole() {
    assertThat(rest.getForEntity("/api/incidents", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/api/incidents/metrics", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("nobody", "wrong").getForEntity("/api/incidents/INC-2026-0001/report",
        String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("responder", "responder").getForEntity("/api/incidents", String.class).getStatusCode())
        .as("responders do not read the audit").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("auditor", "auditor").getForEntity("/api/incidents", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void auditorsCannotWrite() throws Exception {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("incident-response", report("high", "high"));
    try {
      String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
      String job = managementService.createJobQuery().processInstanceId(instance.getId()).timers().list().get(0).getId();
      TestRestTemplate auditor = rest.withBasicAuth("auditor", "auditor");
      // Auditors can read ...
      assertThat(auditor.getForEntity("/engine-rest/process-instance/" + instance.getId(), String.class).getStatusCode())
          .isEqualTo(HttpStatus.OK);
      // ... and change nothing.
      assertRefused(auditor.postForEntity("/engine-rest/task/" + task + "/complete", json("{}"), String.class));
      assertRefused(auditor.postForEntity("/engine-rest/task/" + task + "/claim", json("{\"userId\":\"auditor\"}"), String.class));
      assertRefused(auditor.postForEntity("/engine-rest/process-instance/" + instance.getId() + "/variables",
          json("{\"modifications\":{\"severity\":{\"value\":\"SEV4\"}}}"), String.class));
      assertRefused(auditor.exchange("/engine-rest/process-instance/" + instance.getId(), HttpMethod.DELETE, null, String.class));
      assertRefused(auditor.exchange("/engine-rest/job/" + job + "/retries", HttpMethod.PUT, json("{\"retries\":3}"), String.class));
      assertRefused(auditor.postForEntity("/engine-rest/process-definition/key/incident-response/start", json("{}"), String.class));
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
      assertThat(runtimeService.getVariable(instance.getId(), "severity")).isEqualTo("SEV1");
      assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    } finally {
      runtimeService.deleteProcessInstance(instance.getId(), "test");
    }
  }

  @Test
  void webappApiNeedsALoginAndTheRightApplication() throws Exception {
    WebappSession anonymous = new WebappSession();
    assertThat(anonymous.get("/camunda/api/engine/engine/default/task/count").statusCode()).isIn(401, 403);
    assertThat(anonymous.get("/camunda/api/admin/auth/user/default").statusCode()).isIn(401, 403, 404);
    assertThat(anonymous.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count").statusCode())
        .isIn(401, 403);

    WebappSession responder = new WebappSession();
    assertThat(responder.login("responder", "responder", "tasklist").statusCode()).isEqualTo(200);
    assertThat(responder.login("responder", "responder", "cockpit").statusCode())
        .as("a responder has no Cockpit access").isIn(401, 403);
    assertThat(responder.login("responder", "responder", "admin").statusCode())
        .as("a responder has no Admin access").isIn(401, 403);

    WebappSession wrong = new WebappSession();
    assertThat(wrong.login("owner", "wrong", "cockpit").statusCode()).isIn(401, 403);
  }

  @Test
  void webappsRefuseForgedCsrf() throws Exception {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("incident-response", report("high", "high"));
    try {
      String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
      String claim = "/camunda/api/engine/engine/default/task/" + task + "/claim";
      String body = "{\"userId\":\"responder\"}";

      // Logged in (a real session), but the call lacks the XSRF token a page from this app would send.
      WebappSession noToken = loggedIn();
      HttpResponse<String> missing = noToken.post(claim, body, null);
      assertThat(missing.statusCode()).as("no X-XSRF-TOKEN: %s", missing.body()).isEqualTo(403);
      assertThat(missing.headers().firstValue("X-XSRF-TOKEN")).as("refused by the CSRF filter: %s %s", missing.headers().map(), missing.body()).hasValue("Required");

      WebappSession forgedToken = loggedIn();
      HttpResponse<String> forged = forgedToken.post(claim, body, "0123456789ABCDEF0123456789ABCDEF");
      assertThat(forged.statusCode()).as("forged X-XSRF-TOKEN: %s", forged.body()).isEqualTo(403);
      assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();

      // The same call with the session's own token goes through: the refusals above were CSRF, not permissions.
      WebappSession genuine = loggedIn();
      HttpResponse<String> withToken = genuine.post(claim, body, genuine.xsrfToken());
      assertThat(withToken.statusCode()).as("with the session's token: %s %s", withToken.body(), genuine.cookies.getCookieStore().getCookies()).isEqualTo(204);
      assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("responder");
    } finally {
      runtimeService.deleteProcessInstance(instance.getId(), "test");
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private WebappSession loggedIn() throws Exception {
    WebappSession session = new WebappSession();
    assertThat(session.login("responder", "responder", "tasklist").statusCode()).isEqualTo(200);
    // As the app does after logging in: the session changed, so fetch the new session's XSRF token.
    assertThat(session.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(200);
    return session;
  }

  /** A browser: cookies (session, XSRF-TOKEN) kept, logins through the webapps' own login API. */
  final class WebappSession {
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return client.send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> login(String user, String password, String app) throws IOException, InterruptedException {
      get("/camunda/app/" + app + "/default/"); // picks up the XSRF-TOKEN cookie, as the login page does
      String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
          + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
      HttpRequest.Builder request = HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(form));
      String token = xsrfToken();
      if (token != null) {
        request.header("X-XSRF-TOKEN", token);
      }
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json, String xsrfToken) throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json));
      if (xsrfToken != null) {
        request.header("X-XSRF-TOKEN", xsrfToken);
      }
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String xsrfToken() {
      return cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).reduce((a, b) -> b).orElse(null);
    }

    private URI uri(String path) {
      return URI.create("http://localhost:" + port + path);
    }
  }

  private double counter(String name, String tag, String value) {
    var counter = meterRegistry.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  private double sent(String template) {
    var counter = meterRegistry.find(OperationsMetrics.NOTIFICATIONS_SENT).tag("template", template).counter();
    return counter == null ? 0 : counter.count();
  }

  private void complete(ProcessInstance instance, String step, String user, Map<String, Object> variables) {
    var task = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(step).singleResult();
    taskService.claim(task.getId(), user);
    taskService.complete(task.getId(), variables);
  }

  private static Map<String, Object> report(String impact, String urgency) {
    return Map.of("title", "Checkout API down", "description", "502", "service", "checkout-api",
        "impact", impact, "urgency", urgency, "customerImpact", false);
  }

  private static void assertRefused(ResponseEntity<String> response) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
