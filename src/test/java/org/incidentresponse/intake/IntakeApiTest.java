package org.incidentresponse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentresponse.api.ProblemDetailAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.AppTest;
import org.incidentresponse.IncidentStartJobs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The intake endpoints over real HTTP: authentication, every bad input (nothing created, JSON
 * error), grouping, idempotency, recovery, concurrent duplicate deliveries, closure and reopening.
 */
@Tag("postgres")
@AppTest
class IntakeApiTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String AM = "/api/alerts/alertmanager";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meterRegistry;

  IntakeClient client;
  /** What the shared engine held before this test: other tests' incidents and intake rows. */
  Set<String> incidentsBefore;
  int openGroupsBefore;
  int notificationsBefore;

  @BeforeEach
  void setUp() {
    client = new IntakeClient("http://127.0.0.1:" + port, "demo-intake-token");
    incidentsBefore = runtimeService.createProcessInstanceQuery().list().stream()
        .map(ProcessInstance::getId).collect(Collectors.toSet());
    openGroupsBefore = rows("intake_open_incident");
    notificationsBefore = rows("intake_notification");
  }

  int rows(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
  }

  static String firing(String groupKey) {
    ObjectNode tree = AlertMapperTest.sampleTree("alertmanager-firing.json");
    tree.put("groupKey", groupKey);
    return tree.toString();
  }

  static String resolved(String groupKey) {
    ObjectNode tree = AlertMapperTest.sampleTree("alertmanager-resolved.json");
    tree.put("groupKey", groupKey);
    return tree.toString();
  }

  static JsonNode body(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** The open incidents that this test opened. */
  List<ProcessInstance> newIncidents() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("incident-response").list().stream()
        .filter(incident -> !incidentsBefore.contains(incident.getId())).toList();
  }

  long incidents() {
    return newIncidents().size();
  }

  void assertNothingCreated() {
    assertThat(incidents()).isZero();
    assertThat(rows("intake_open_incident")).isEqualTo(openGroupsBefore);
    assertThat(rows("intake_notification")).isEqualTo(notificationsBefore);
  }

  void assertError(HttpResponse<String> response, int status, String detailPart) {
    assertProblem(response, status, detailPart);
    assertNothingCreated();
  }

  @Test
  void missingOrWrongTokenIs401AndCreatesNothing() {
    HttpResponse<String> missing = new IntakeClient(client.baseUrl(), null).postJson(AM, firing("g1"));
    assertError(missing, 401, "missing bearer token");
    assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    HttpResponse<String> wrong = new IntakeClient(client.baseUrl(), "demo-intake-tokeN").postJson(AM, firing("g1"));
    assertError(wrong, 401, "invalid bearer token");
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    assertError(new IntakeClient(client.baseUrl(), "").postJson("/api/incidents", "{\"title\":\"x\"}"), 401, "bearer token");
    assertError(new IntakeClient(client.baseUrl(), "wrong").postJson("/api/alerts/grafana", "{}"), 401, "invalid bearer token");
    // A longer or shorter token that starts like the right one is no better.
    assertError(new IntakeClient(client.baseUrl(), "demo-intake-token-and-more").postJson(AM, firing("g1")), 401, "invalid");
    assertError(new IntakeClient(client.baseUrl(), "demo-intake").postJson(AM, firing("g1")), 401, "invalid");
  }

  @Test
  void wrongContentTypeIs415() {
    assertError(client.post(AM, "text/plain", firing("g1").getBytes()), 415, "application/json");
    assertError(client.post("/api/incidents", null, "{\"title\":\"x\"}".getBytes()), 415, "application/json");
  }

  @Test
  void malformedJsonIs400() {
    assertError(client.postJson(AM, "{\"version\": \"4\", \"alerts\": ["), 400, "malformed JSON");
    assertError(client.postJson(AM, ""), 400, "malformed JSON");
    assertError(client.postJson(AM, "{\"version\": \"4\", \"alerts\": \"not a list\"}"), 400, "malformed JSON");
    assertError(client.postJson("/api/incidents", "[1,2"), 400, "malformed JSON");
  }

  @Test
  void missingFieldsAndUnknownVersionAre400() {
    ObjectNode noGroupKey = AlertMapperTest.sampleTree("alertmanager-firing.json");
    noGroupKey.remove("groupKey");
    assertError(client.postJson(AM, noGroupKey.toString()), 400, "missing field 'groupKey'");
    ObjectNode noAlerts = AlertMapperTest.sampleTree("alertmanager-firing.json");
    noAlerts.remove("alerts");
    assertError(client.postJson(AM, noAlerts.toString()), 400, "missing field 'alerts'");
    ObjectNode v5 = AlertMapperTest.sampleTree("alertmanager-firing.json");
    v5.put("version", "5");
    assertError(client.postJson(AM, v5.toString()), 400, "unsupported alertmanager payload version '5'");
    // an Alertmanager payload sent to the Grafana endpoint
    assertError(client.postJson("/api/alerts/grafana", firing("g1")), 400, "unsupported grafana payload version '4'");
    assertError(client.postJson("/api/incidents", "{\"description\":\"no title\"}"), 400, "missing field 'title'");
    assertError(client.postJson("/api/incidents", "{\"title\":\"t\",\"impact\":\"huge\"}"), 400, "'impact' must be high, medium or low");
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    ObjectNode big = AlertMapperTest.sampleTree("alertmanager-firing.json");
    ((ObjectNode) big.withArray("alerts").get(0).get("annotations")).put("description", "x".repeat(70 * 1024));
    assertError(client.postJson(AM, big.toString()), 413, "of " + big.toString().length() + " bytes exceeds the limit of 65536 bytes");
    // Without a Content-Length (chunked), the body is read only up to the limit, and refused all the same.
    byte[] bytes = big.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> chunked = IntakeClient.HTTP.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(client.baseUrl() + AM))
        .header("Content-Type", "application/json").header("Authorization", "Bearer demo-intake-token")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertError(chunked, 413, "request body exceeds the limit of 65536 bytes");
  }

  /**
   * The intake's counters (see OperationsMetrics): received counts every alert the intake answered
   * for; deduplicated, each accepted one that opened no incident; rejected, each refusal (4xx).
   */
  @Test
  void metricsCountEachAlertWhereTheIntakeDecides() {
    Counts am = new Counts("alertmanager");
    Counts api = new Counts("api");

    String number = body(client.postJson(AM, firing("m1"))).at("/incidents/0/incidentNumber").asText();
    am.expect(1, 0, 0, "a new incident");

    assertThat(body(client.postJson(AM, firing("m1"))).get("status").asText()).isEqualTo("duplicate");
    am.expect(1, 1, 0, "a repeated delivery");

    ObjectNode another = AlertMapperTest.sampleTree("alertmanager-firing.json");
    another.put("groupKey", "m1");
    ((ObjectNode) another.withArray("alerts").get(0)).put("fingerprint", "00000000000000m1");
    assertThat(body(client.postJson(AM, another.toString())).at("/incidents/0/action").asText()).isEqualTo("alert_recorded");
    am.expect(1, 1, 0, "an alert on the open incident");

    JsonNode recovery = body(client.postJson(AM, resolved("m1")));
    assertThat(recovery.at("/incidents/0/action").asText()).isEqualTo("recovery_recorded");
    assertThat(recovery.at("/incidents/0/incidentNumber").asText()).isEqualTo(number);
    am.expect(1, 1, 0, "a recovery recorded on the open incident (it opens nothing)");

    assertThat(body(client.postJson(AM, resolved("m-nothing-open"))).at("/incidents/0/action").asText())
        .isEqualTo("ignored_resolved");
    am.expect(1, 1, 0, "a recovery with nothing open");

    assertThat(new IntakeClient(client.baseUrl(), "wrong").postJson(AM, firing("m2")).statusCode()).isEqualTo(401);
    am.expect(1, 0, 1, "a bad token");
    assertThat(new IntakeClient(client.baseUrl(), null).postJson(AM, firing("m2")).statusCode()).isEqualTo(401);
    am.expect(1, 0, 1, "no token");

    assertThat(client.postJson(AM, "{\"version\": \"4\", \"alerts\": [").statusCode()).isEqualTo(400);
    am.expect(1, 0, 1, "malformed JSON");
    assertThat(client.postJson(AM, "{\"version\": \"4\"}").statusCode()).isEqualTo(400);
    am.expect(1, 0, 1, "an incomplete payload");
    assertThat(client.post(AM, "text/plain", firing("m2").getBytes()).statusCode()).isEqualTo(415);
    am.expect(1, 0, 1, "a wrong content type");

    assertThat(client.postJson("/api/incidents", "{\"title\":\"Metrics\",\"dedupKey\":\"m3\"}").statusCode()).isEqualTo(201);
    api.expect(1, 0, 0, "a report");
    assertThat(client.postJson("/api/incidents", "{\"title\":\"Metrics\",\"dedupKey\":\"m3\"}").statusCode()).isEqualTo(200);
    api.expect(1, 1, 0, "a report on the open incident of its dedup key");
    assertThat(client.postJson("/api/incidents", "{\"title\":\"\"}").statusCode()).isEqualTo(400);
    api.expect(1, 0, 1, "a report without a title");
    am.expect(0, 0, 0, "reports are not Alertmanager's");
  }

  /** One source's intake counters, compared with their values at the last check. */
  final class Counts {
    final String source;
    double received;
    double deduplicated;
    double rejected;

    Counts(String source) {
      this.source = source;
      received = count("incident.response.alerts.received");
      deduplicated = count("incident.response.alerts.deduplicated");
      rejected = count("incident.response.alerts.rejected");
    }

    void expect(int receivedBy, int deduplicatedBy, int rejectedBy, String after) {
      double nowReceived = count("incident.response.alerts.received");
      double nowDeduplicated = count("incident.response.alerts.deduplicated");
      double nowRejected = count("incident.response.alerts.rejected");
      assertThat(new double[] {nowReceived - received, nowDeduplicated - deduplicated, nowRejected - rejected})
          .as("%s received, deduplicated, rejected after %s", source, after)
          .containsExactly(receivedBy, deduplicatedBy, rejectedBy);
      received = nowReceived;
      deduplicated = nowDeduplicated;
      rejected = nowRejected;
    }

    private double count(String name) {
      return meterRegistry.get(name).tag("source", source).counter().count();
    }
  }

  @Test
  void firingOpensOneIncidentWithMappedVariablesAndRedeliveryHasNoEffect() {
    HttpResponse<String> first = client.postJson(AM, firing("g1"));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode accepted = body(first);
    assertThat(accepted.get("status").asText()).isEqualTo("accepted");
    assertThat(accepted.at("/incidents/0/action").asText()).isEqualTo("opened");
    String number = accepted.at("/incidents/0/incidentNumber").asText();
    assertThat(number).matches("INC-\\d{4}-\\d{4}");

    // The 2xx committed the logged incident with its alert; the rest of the start is the next job.
    ProcessInstance incident = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
    assertThat(runtimeService.getVariables(incident.getId())).containsEntry("incidentNumber", number)
        .containsEntry("alertCount", 1).containsKey("alert").containsKey("reportedAt").doesNotContainKey("severity");
    assertThat(IncidentStartJobs.pending(engine.getManagementService(), incident.getId())).hasSize(1);
    assertThat(taskService.createTaskQuery().processInstanceId(incident.getId()).count()).as("tasks before the job").isZero();

    IncidentStartJobs.continueAfterLog(engine, incident.getId());
    assertThat(taskService.createTaskQuery().processInstanceId(incident.getId()).taskDefinitionKey("Task_TriageIncident")
        .count()).as("the triage task, once the job ran").isEqualTo(1);
    var vars = runtimeService.getVariables(incident.getId());
    assertThat(vars).containsEntry("incidentNumber", number).containsEntry("source", "alertmanager")
        .containsEntry("impact", "high").containsEntry("urgency", "high").containsEntry("customerImpact", true)
        .containsEntry("service", "checkout-api").containsEntry("severity", "SEV1")
        .containsEntry("runbookUrl", "https://runbooks.example.org/checkout/high-error-rate");
    assertThat((String) vars.get("generatorUrl")).startsWith("http://prometheus.example.org:9090/graph");

    // the same notification again (repeat_interval, the other HA peer, a retry after a timeout)
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> again = client.postJson(AM, firing("g1"));
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(body(again).get("status").asText()).isEqualTo("duplicate");
    }
    assertThat(incidents()).isEqualTo(1);
    assertThat(runtimeService.getVariable(incident.getId(), "alertCount")).isEqualTo(1);
  }

  @Test
  void newAlertInAnOpenGroupIsRecordedOnItsTimelineAndRecoveryOnce() {
    String number = body(client.postJson(AM, firing("g2"))).at("/incidents/0/incidentNumber").asText();
    ProcessInstance incident = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();

    ObjectNode another = AlertMapperTest.sampleTree("alertmanager-firing.json");
    another.put("groupKey", "g2");
    ((ObjectNode) another.withArray("alerts").get(0)).put("fingerprint", "0000000000000003")
        .put("startsAt", "2026-11-29T21:01:00Z");
    JsonNode correlated = body(client.postJson(AM, another.toString()));
    assertThat(correlated.at("/incidents/0/action").asText()).isEqualTo("alert_recorded");
    assertThat(correlated.at("/incidents/0/incidentNumber").asText()).isEqualTo(number);
    assertThat(incidents()).isEqualTo(1);
    assertThat(runtimeService.getVariable(incident.getId(), "alertCount")).isEqualTo(2);
    assertThat(runtimeService.getVariable(incident.getId(), "lastAlertAt")).isNotNull();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(incident.getId())
        .variableName("alert").list()).hasSize(2) // the opening alert and the correlated one
        .anySatisfy(v -> assertThat((String) v.getValue()).contains("firing").contains("0000000000000003"));
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(incident.getId())
        .activityId("Task_RecordAlert").count()).isEqualTo(1);

    JsonNode recovery = body(client.postJson(AM, resolved("g2")));
    assertThat(recovery.at("/incidents/0/action").asText()).isEqualTo("recovery_recorded");
    assertThat(runtimeService.getVariable(incident.getId(), "recoveryReportedAt")).isNotNull();
    // the same resolved notification again, and a different one for the same group: one effect
    assertThat(body(client.postJson(AM, resolved("g2"))).get("status").asText()).isEqualTo("duplicate");
    ObjectNode resolvedAgain = AlertMapperTest.sampleTree("alertmanager-resolved.json");
    resolvedAgain.put("groupKey", "g2");
    ((ObjectNode) resolvedAgain.withArray("alerts").get(0)).put("endsAt", "2026-11-29T21:25:00Z");
    assertThat(body(client.postJson(AM, resolvedAgain.toString())).at("/incidents/0/action").asText())
        .isEqualTo("duplicate_recovery");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(incident.getId())
        .activityId("Task_RecordRecovery").count()).isEqualTo(1);
    // recovery does not close the incident: a human confirms the resolution
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(incident.getId()).count()).isEqualTo(1);
  }

  @Test
  void anAlertBeforeThePostLogJobRanIsRecordedAndTheJobStillOpensTheTriage() {
    String number = body(client.postJson(AM, firing("g-early"))).at("/incidents/0/incidentNumber").asText();
    ObjectNode another = AlertMapperTest.sampleTree("alertmanager-firing.json");
    another.put("groupKey", "g-early");
    ((ObjectNode) another.withArray("alerts").get(0)).put("fingerprint", "0000000000000009");
    JsonNode correlated = body(client.postJson(AM, another.toString()));
    assertThat(correlated.at("/incidents/0/action").asText()).isEqualTo("alert_recorded");

    ProcessInstance incident = IncidentStartJobs.continueIncident(engine, number);
    assertThat(runtimeService.getVariable(incident.getId(), "alertCount")).isEqualTo(2);
    assertThat(runtimeService.getVariable(incident.getId(), "severity")).isEqualTo("SEV1");
    assertThat(taskService.createTaskQuery().processInstanceId(incident.getId()).taskDefinitionKey("Task_TriageIncident")
        .count()).isEqualTo(1);
    assertThat(IncidentStartJobs.pending(engine.getManagementService(), incident.getId())).isEmpty();
  }

  @Test
  void aNewFiringAfterTheIncidentClosedOpensANewIncident() {
    String first = body(client.postJson(AM, firing("g3"))).at("/incidents/0/incidentNumber").asText();
    ProcessInstance incident = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(first).singleResult();
    runtimeService.deleteProcessInstance(incident.getId(), "closed");
    ObjectNode refire = AlertMapperTest.sampleTree("alertmanager-firing.json");
    refire.put("groupKey", "g3");
    refire.withArray("alerts").forEach(a -> ((ObjectNode) a).put("startsAt", "2026-11-30T09:00:00Z"));
    JsonNode reopened = body(client.postJson(AM, refire.toString()));
    assertThat(reopened.at("/incidents/0/action").asText()).isEqualTo("opened");
    assertThat(reopened.at("/incidents/0/incidentNumber").asText()).isNotEqualTo(first);
    // resolved for a group without an open incident: accepted, nothing opened
    assertThat(body(client.postJson(AM, resolved("g-unknown"))).at("/incidents/0/action").asText()).isEqualTo("ignored_resolved");
    assertThat(incidents()).isEqualTo(1);
  }

  @Test
  void concurrentDeliveriesOfANewGroupOpenOneIncident() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ObjectNode tree = AlertMapperTest.sampleTree("alertmanager-firing.json");
        tree.put("groupKey", "race");
        if (i % 2 == 1) { // half are the same notification, half a different one of the same group
          ((ObjectNode) tree.withArray("alerts").get(0)).put("fingerprint", "f" + i);
        }
        String json = tree.toString();
        calls.add(() -> client.postJson(AM, json));
      }
      List<Future<HttpResponse<String>>> responses = pool.invokeAll(calls);
      for (Future<HttpResponse<String>> response : responses) {
        assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(incidents()).isEqualTo(1);
    ProcessInstance incident = newIncidents().get(0);
    // one opening notification plus the four distinct others
    assertThat(runtimeService.getVariable(incident.getId(), "alertCount")).isEqualTo(5);
  }

  @Test
  void truncatedAlertsAreAcceptedAndRecorded() {
    ObjectNode tree = AlertMapperTest.sampleTree("alertmanager-firing.json");
    tree.put("groupKey", "g4").put("truncatedAlerts", 7);
    String number = body(client.postJson(AM, tree.toString())).at("/incidents/0/incidentNumber").asText();
    ProcessInstance incident = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
    assertThat(runtimeService.getVariable(incident.getId(), "alertsTruncated")).isEqualTo(7);
    assertThat((String) runtimeService.getVariable(incident.getId(), "description")).contains("7 more alerts were not sent");
  }

  @Test
  void grafanaWebhookOpensAnIncident() {
    HttpResponse<String> response = client.postJson("/api/alerts/grafana",
        AlertMapperTest.sampleTree("grafana-firing.json").toString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String number = body(response).at("/incidents/0/incidentNumber").asText();
    var vars = runtimeService.getVariables(IncidentStartJobs.continueIncident(engine, number).getId());
    assertThat(vars).containsEntry("source", "grafana").containsEntry("service", "payments").containsEntry("severity", "SEV3")
        .containsEntry("dashboardUrl", "https://grafana.example.org/d/payments-overview?orgId=1&viewPanel=4");
  }

  @Test
  void genericReportOpensAnIncidentAndADedupKeyRecordsRepeats() {
    String report = """
        {"title":"Database failover","description":"Primary lost","service":"orders-db","impact":"high",
         "urgency":"medium","customerImpact":true,"externalContacts":"ops@customer.example","reporter":"oncall-bot",
         "dedupKey":"orders-db-failover"}""";
    HttpResponse<String> created = client.postJson("/api/incidents", report);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String number = body(created).get("incidentNumber").asText();
    var vars = runtimeService.getVariables(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult().getId());
    assertThat(vars).containsEntry("source", "api").containsEntry("reporter", "oncall-bot").containsEntry("impact", "high")
        .containsEntry("customerImpact", true).containsEntry("externalContacts", "ops@customer.example");
    HttpResponse<String> repeated = client.postJson("/api/incidents", report);
    assertThat(repeated.statusCode()).isEqualTo(200);
    assertThat(body(repeated).get("incidentNumber").asText()).isEqualTo(number);
    assertThat(body(repeated).get("action").asText()).isEqualTo("alert_recorded");
    HttpResponse<String> noKey = client.postJson("/api/incidents", "{\"title\":\"Something else\"}");
    assertThat(noKey.statusCode()).isEqualTo(201);
    assertThat(incidents()).isEqualTo(2);
  }
}
