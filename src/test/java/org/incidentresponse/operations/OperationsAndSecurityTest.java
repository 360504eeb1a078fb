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
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.AppTest;
import org.incidentresponse.IncidentStartJobs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Issue 5's security and operations checks on the running app: every endpoint family without
 * credentials and with the wrong role, auditors cannot write, the webapps refuse forged CSRF, and
 * Actuator exposes health (no details for anonymous users), info and Prometheus metrics only.
 */
@AppTest
class OperationsAndSecurityTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired MeterRegistry meterRegistry;
  @Autowired ProcessGauges gauges;
  @Autowired FilterChainProxy springSecurityFilterChain;
  @Autowired ApplicationContext context;
  @Autowired IdentityService identityService;

  /**
   * A user of this test's own for wrong passwords: Camunda delays a user's logins after a failed
   * one, and the demo users are shared with every test on this context.
   */
  private String probeUser() {
    String id = "wrong-password-probe";
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setPassword("Probe-Pa55-" + java.util.UUID.randomUUID());
      identityService.saveUser(user);
    }
    return id;
  }
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

    assertThat(rest.withBasicAuth(probeUser(), "wrong").getForEntity("/actuator/health", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void prometheusNeedsAnAdministratorOrMonitoringUserAndHasTheSopMetrics() {
    assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("responder", "responder").getForEntity("/actuator/prometheus", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("auditor", "auditor").getForEntity("/actuator/prometheus", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    ProcessInstance instance = start(report("high", "high"));
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
    ProcessInstance instance = start(report("low", "low"));
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
    assertThat(rest.withBasicAuth(probeUser(), "wrong").getForEntity("/engine-rest/process-instance", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ProcessInstance instance = start(report("high", "high"));
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
  void intakeApiNeedsItsBearerTokenAndCountsWhatItRefuses() throws Exception {
    Map<String, double[]> before = new java.util.HashMap<>();
    for (String source : new String[] {"alertmanager", "grafana", "api"}) {
      before.put(source, intakeCounters(source));
    }
    String alert = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[]}";
    for (String path : new String[] {"/api/alerts/alertmanager", "/api/alerts/grafana", "/api/incidents"}) {
      assertUnauthorized(rest.postForEntity(path, json(alert), String.class), "Bearer", "missing bearer token", path + " without a token");
      HttpHeaders wrongToken = new HttpHeaders();
      wrongToken.setContentType(MediaType.APPLICATION_JSON);
      wrongToken.setBearerAuth("not-the-token");
      assertUnauthorized(rest.postForEntity(path, new HttpEntity<>(alert, wrongToken), String.class),
          "Bearer error=\"invalid_token\"", "invalid bearer token", path + " with a wrong token");
      // A Camunda user's password is no intake token either.
      assertUnauthorized(rest.withBasicAuth(adminId, adminPassword).postForEntity(path, json(alert), String.class),
          "Bearer", "missing bearer token", path + " with basic auth");
    }
    // Each refusal is one received and one rejected alert of its source; none is deduplicated.
    assertThat(intakeCounters("alertmanager")).containsExactly(plus(before.get("alertmanager"), 3, 0, 3));
    assertThat(intakeCounters("grafana")).containsExactly(plus(before.get("grafana"), 3, 0, 3));
    assertThat(intakeCounters("api")).containsExactly(plus(before.get("api"), 3, 0, 3));

    HttpHeaders token = new HttpHeaders();
    token.setContentType(MediaType.APPLICATION_JSON);
    token.setBearerAuth("demo-intake-token");
    ResponseEntity<String> report = rest.postForEntity("/api/incidents", new HttpEntity<>(
        "{\"title\":\"Metrics check\",\"service\":\"checkout-api\",\"impact\":\"low\",\"urgency\":\"low\"}", token),
        String.class);
    assertThat(report.getStatusCode()).as(report.getBody()).isEqualTo(HttpStatus.CREATED);
    // received counts every request the intake answered: the three refused ones and the accepted report.
    assertThat(intakeCounters("api")).containsExactly(plus(before.get("api"), 4, 0, 3));
    runtimeService.deleteProcessInstance(runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(JSON.readTree(report.getBody()).get("incidentNumber").asText()).singleResult().getId(), "test");
  }

  @Test
  void incidentAuditApiNeedsCredentialsAndAReaderRole() throws Exception {
    String basic = "Basic realm=\"Incident Response\", charset=\"UTF-8\"";
    assertUnauthorized(rest.getForEntity("/api/incidents", String.class), basic, "log in", "no credentials");
    assertUnauthorized(rest.getForEntity("/api/incidents/metrics", String.class), basic, "log in", "no credentials");
    assertUnauthorized(rest.withBasicAuth("nobody", "wrong").getForEntity("/api/incidents/INC-2026-0001/report", String.class),
        basic, "log in", "wrong credentials");
    ResponseEntity<String> responder = rest.withBasicAuth("responder", "responder").getForEntity("/api/incidents", String.class);
    assertThat(responder.getStatusCode()).as("responders do not read the audit").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(responder.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
    assertThat(JSON.readTree(responder.getBody()).get("detail").asText()).contains("needs membership of one of the groups");
    assertThat(rest.withBasicAuth("auditor", "auditor").getForEntity("/api/incidents", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void auditorsCannotWrite() throws Exception {
    ProcessInstance instance = start(report("high", "high"));
    try {
      String task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
      // The page to the on-call person (an async step) is the new incident's first job.
      String job = managementService.createJobQuery().processInstanceId(instance.getId()).list().get(0).getId();
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
  void springSecurityGuardsEachFamilyInOrderAndLeavesTheWebappsToCamunda() throws Exception {
    assertThat(springSecurityFilterChain.getFilterChains()).as("intake, api, actuator, engine-rest, status page, acknowledge links, demo chat, in this order").hasSize(7);
    assertThat(chainFor("POST", "/api/incidents")).as("the intake before the rest of /api").isEqualTo(0);
    assertThat(chainFor("POST", "/api/alerts/grafana")).isEqualTo(0);
    assertThat(chainFor("GET", "/api/incidents")).isEqualTo(1);
    assertThat(chainFor("GET", "/v3/api-docs")).isEqualTo(1);
    assertThat(chainFor("GET", "/swagger-ui/index.html")).isEqualTo(1);
    assertThat(chainFor("GET", "/actuator/prometheus")).isEqualTo(2);
    assertThat(chainFor("GET", "/engine-rest/task")).isEqualTo(3);
    assertThat(chainFor("GET", "/status")).isEqualTo(4);
    assertThat(chainFor("POST", "/status/subscriptions")).isEqualTo(4);
    // Links that carry their own signed token: acknowledge links in pages, calendar subscriptions.
    assertThat(chainFor("GET", "/oncall/acknowledge/token")).isEqualTo(5);
    assertThat(chainFor("POST", "/oncall/acknowledge/token")).isEqualTo(5);
    // The demo profile's chat receiver (org.incidentresponse.demo, SecurityChains.DEMO_CHAT).
    assertThat(chainFor("GET", "/demo/chat")).isEqualTo(6);
    assertThat(chainFor("POST", "/demo/chat/slack/demo")).isEqualTo(6);
    // Camunda's webapps keep their own login and CSRF protection (see webappsRefuseForgedCsrf): no chain of ours.
    for (String webapp : new String[] {"/camunda/app/tasklist/default/", "/camunda/api/admin/auth/user/default/login/tasklist",
        "/camunda/api/engine/engine/default/task", "/"}) {
      assertThat(chainFor("POST", webapp)).as(webapp).isEqualTo(-1);
      assertThat(chainFor("GET", webapp)).as(webapp).isEqualTo(-1);
    }
    // No default user with a generated password, and no login page where there was none.
    assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
    assertThat(rest.getForEntity("/login", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(rest.getForEntity("/camunda/app/tasklist/default/", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /** The index of the first security chain that takes the request, -1 for none. */
  private int chainFor(String method, String path) {
    var request = new org.springframework.mock.web.MockHttpServletRequest(method, path);
    List<SecurityFilterChain> chains = springSecurityFilterChain.getFilterChains();
    for (int i = 0; i < chains.size(); i++) {
      if (chains.get(i).matches(request)) {
        return i;
      }
    }
    return -1;
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
    assertThat(wrong.login(probeUser(), "wrong", "cockpit").statusCode()).isIn(401, 403);
  }

  @Test
  void webappsRefuseForgedCsrf() throws Exception {
    ProcessInstance instance = start(report("high", "high"));
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

  /** received, deduplicated and rejected of one intake source. */
  private double[] intakeCounters(String source) {
    return new double[] {meterRegistry.get(OperationsMetrics.ALERTS_RECEIVED).tag("source", source).counter().count(),
        meterRegistry.get(OperationsMetrics.ALERTS_DEDUPLICATED).tag("source", source).counter().count(),
        meterRegistry.get(OperationsMetrics.ALERTS_REJECTED).tag("source", source).counter().count()};
  }

  private static double[] plus(double[] counters, double received, double deduplicated, double rejected) {
    return new double[] {counters[0] + received, counters[1] + deduplicated, counters[2] + rejected};
  }

  /** 401 with its challenge, as a problem detail. */
  private static void assertUnauthorized(ResponseEntity<String> response, String challenge, String detail, String what)
      throws IOException {
    assertThat(response.getStatusCode()).as(what).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(what).isEqualTo(challenge);
    assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).as(what).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(response.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("title").asText()).isEqualTo("Unauthorized");
    assertThat(problem.get("detail").asText()).as(what).contains(detail);
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

  /** Opens an incident and runs the job after Task_LogIncident, as the job executor would. */
  private ProcessInstance start(Map<String, Object> report) {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("incident-response", report);
    IncidentStartJobs.continueAfterLog(engine, instance.getId());
    return instance;
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
