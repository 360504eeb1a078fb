package org.incidentresponse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.AppTest;
import org.incidentresponse.IncidentStartJobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager, installed by .ci/run) on
 * 127.0.0.1, configured with docs/api.md's receiver snippet (webhook + bearer token), delivering to
 * the app. Skipped only when the binary is missing.
 */
@AppTest
class AlertmanagerIntegrationTest {

  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  static final String TOKEN = "demo-intake-token";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired JdbcTemplate jdbc;

  Process alertmanager;
  Path workDir;
  int alertmanagerPort;
  Set<String> incidentsBefore;

  @BeforeAll
  static void requireAlertmanager() {
    Assumptions.assumeTrue(Files.isExecutable(BINARY),
        "SKIPPED: " + BINARY + " is missing; install it with: apt-get install -y prometheus-alertmanager (.ci/run does)");
  }

  @AfterEach
  void stopAlertmanager() throws Exception {
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(10), java.util.concurrent.TimeUnit.MILLISECONDS);
      if (alertmanager.isAlive()) {
        alertmanager.destroyForcibly();
      }
    }
  }

  /** The receiver of docs/api.md, pointing at this app. */
  static String config(int appPort, String token) {
    return """
        route:
          receiver: incident-response
          group_by: [alertname, service]
          group_wait: 1s
          group_interval: 2s
          repeat_interval: 1m
        receivers:
          - name: incident-response
            webhook_configs:
              - url: http://127.0.0.1:%d/api/alerts/alertmanager
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials: %s
        """.formatted(appPort, token);
  }

  void startAlertmanager() throws Exception {
    incidentsBefore = runtimeService.createProcessInstanceQuery().list().stream()
        .map(ProcessInstance::getId).collect(Collectors.toSet());
    workDir = Files.createTempDirectory("alertmanager");
    Path config = workDir.resolve("alertmanager.yml");
    Files.writeString(config, config(port, TOKEN));
    alertmanagerPort = freePort();
    alertmanager = new ProcessBuilder(BINARY.toString(),
        "--config.file=" + config,
        "--storage.path=" + workDir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + alertmanagerPort,
        "--cluster.listen-address=",
        "--log.level=info")
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("alertmanager.log").toFile())
        .start();
    awaitTrue("Alertmanager ready", Duration.ofSeconds(30), () -> {
      try {
        return IntakeClient.HTTP.send(HttpRequest.newBuilder(URI.create(alertmanagerUrl("/-/ready"))).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  String alertmanagerUrl(String path) {
    return "http://127.0.0.1:" + alertmanagerPort + path;
  }

  void postAlerts(String alertsJson) throws Exception {
    HttpResponse<String> response = IntakeClient.HTTP.send(HttpRequest.newBuilder(URI.create(alertmanagerUrl("/api/v2/alerts")))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alertsJson)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  static String alert(String alertname, String service, String instance, String severity, String startsAt, String endsAt) {
    return """
        {"labels":{"alertname":"%s","service":"%s","instance":"%s","severity":"%s"},
         "annotations":{"summary":"%s on %s","runbook_url":"https://runbooks.example.org/%s"},
         "generatorURL":"http://prometheus.example.org/graph?g0.expr=up",
         "startsAt":"%s"%s}""".formatted(alertname, service, instance, severity, alertname, service, service, startsAt,
        endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"");
  }

  static String alerts(String startsAt, String endsAt) {
    return "[" + String.join(",",
        alert("HighErrorRate", "checkout", "checkout-1", "critical", startsAt, endsAt),
        alert("HighErrorRate", "checkout", "checkout-2", "critical", startsAt, endsAt),
        alert("HighErrorRate", "checkout", "checkout-3", "warning", startsAt, endsAt),
        alert("SlowResponses", "payments", "payments-1", "warning", startsAt, endsAt),
        alert("SlowResponses", "payments", "payments-2", "info", startsAt, endsAt)) + "]";
  }

  /** The open incidents that Alertmanager's deliveries opened: other tests' incidents share the engine. */
  List<ProcessInstance> incidents() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("incident-response").list().stream()
        .filter(incident -> !incidentsBefore.contains(incident.getId())).toList();
  }

  @Test
  void alertsInTwoGroupsOpenTwoIncidentsAndResolvingThemRecordsRecovery() throws Exception {
    startAlertmanager();
    String startsAt = Instant.now().minusSeconds(60).toString();
    postAlerts(alerts(startsAt, null));

    awaitTrue("two incidents opened through Alertmanager's webhook", Duration.ofSeconds(60), () -> incidents().size() >= 2);
    // more group_interval rounds pass: still exactly two incidents
    Thread.sleep(5000);
    List<ProcessInstance> incidents = incidents();
    assertThat(incidents).hasSize(2);
    assertThat(incidents).extracting(p -> (String) runtimeService.getVariable(p.getId(), "service"))
        .containsExactlyInAnyOrder("checkout", "payments");
    for (ProcessInstance incident : incidents) {
      assertThat(runtimeService.getVariable(incident.getId(), "source")).isEqualTo("alertmanager");
      assertThat(runtimeService.getVariable(incident.getId(), "generatorUrl")).isEqualTo("http://prometheus.example.org/graph?g0.expr=up");
      assertThat((String) runtimeService.getVariable(incident.getId(), "runbookUrl")).startsWith("https://runbooks.example.org/");
    }
    // what the job executor does a moment after each 2xx: the severity decisions and the triage task
    incidents.forEach(incident -> IncidentStartJobs.continueAfterLog(engine, incident.getId()));
    ProcessInstance checkout = incidents.stream()
        .filter(p -> "checkout".equals(runtimeService.getVariable(p.getId(), "service"))).findFirst().orElseThrow();
    assertThat(runtimeService.getVariable(checkout.getId(), "severity")).isEqualTo("SEV1");
    // every alert arrived: the alerts of both groups are in the incidents' descriptions/timelines
    assertThat(alertsSeen()).isEqualTo(5);

    // resolve them all: Alertmanager sends the resolved notifications
    postAlerts(alerts(startsAt, Instant.now().minusSeconds(1).toString()));
    awaitTrue("recovery recorded on both incidents", Duration.ofSeconds(60), () -> incidents().stream()
        .allMatch(p -> runtimeService.getVariable(p.getId(), "recoveryReportedAt") != null));
    Thread.sleep(3000);
    for (ProcessInstance incident : incidents()) {
      assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(incident.getId())
          .activityId("Task_RecordRecovery").count()).isEqualTo(1);
    }
    // monitoring recovery does not close incidents: a human confirms the resolution
    assertThat(incidents()).hasSize(2);
    assertThat(Files.readString(workDir.resolve("alertmanager.log"))).doesNotContain("401");
  }

  /** Distinct alert instances the app recorded: in the "alert" variables (opening and each correlation). */
  long alertsSeen() {
    String[] incidents = incidents().stream().map(ProcessInstance::getId).toArray(String[]::new);
    List<String> recorded = historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(incidents)
        .variableName("alert").list().stream()
        .map(v -> String.valueOf(v.getValue())).toList();
    return List.of("checkout-1", "checkout-2", "checkout-3", "payments-1", "payments-2").stream()
        .filter(instance -> recorded.stream().anyMatch(text -> text.contains("instance=" + instance)))
        .count();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      Thread.sleep(200);
    }
  }
}
