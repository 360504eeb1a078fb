package org.incidentresponse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.incidentresponse.IncidentResponseApplication;
import org.incidentresponse.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Everything answered 2xx survives a restart: the app is started on an H2 file database, fed
 * alerts and reports over HTTP, stopped, and started again on the same file.
 */
class IntakeRestartTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static ConfigurableApplicationContext start(Path dir) {
    return new SpringApplicationBuilder(IncidentResponseApplication.class)
        .profiles("demo", "test")
        // command-line arguments: they override the test profile's in-memory database
        .run("--server.port=0",
            "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("incident-response").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + TestMailServer.get().getSmtp().getPort());
  }

  static IntakeClient client(ConfigurableApplicationContext context) {
    int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    return new IntakeClient("http://127.0.0.1:" + port, "demo-intake-token");
  }

  @Test
  void everythingAnswered2xxIsThereAfterARestart() throws Exception {
    Path dir = Files.createTempDirectory("intake-restart");
    Map<String, String> accepted = new LinkedHashMap<>(); // incident number → what opened or touched it
    List<String> groups = new ArrayList<>();
    try {
      try (ConfigurableApplicationContext first = start(dir)) {
        IntakeClient client = client(first);
        for (int g = 0; g < 5; g++) {
          String groupKey = "restart-group-" + g;
          groups.add(groupKey);
          HttpResponse<String> response = client.postJson(IntakeApiTest.AM, IntakeApiTest.firing(groupKey));
          assertThat(response.statusCode()).isEqualTo(200);
          accepted.put(JSON.readTree(response.body()).at("/incidents/0/incidentNumber").asText(), groupKey);
        }
        ObjectNode second = AlertMapperTest.sampleTree("alertmanager-firing.json");
        second.put("groupKey", "restart-group-0");
        ((ObjectNode) second.withArray("alerts").get(0)).put("fingerprint", "restart-extra");
        assertThat(client.postJson(IntakeApiTest.AM, second.toString()).statusCode()).isEqualTo(200);
        assertThat(client.postJson(IntakeApiTest.AM, IntakeApiTest.resolved("restart-group-1")).statusCode()).isEqualTo(200);
        HttpResponse<String> report = client.postJson("/api/incidents", "{\"title\":\"Restart report\",\"dedupKey\":\"restart-report\"}");
        assertThat(report.statusCode()).isEqualTo(201);
        accepted.put(JSON.readTree(report.body()).get("incidentNumber").asText(), "report");
      }

      try (ConfigurableApplicationContext again = start(dir)) {
        RuntimeService runtime = again.getBean(RuntimeService.class);
        for (String number : accepted.keySet()) {
          assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count())
              .as("incident %s after restart", number).isEqualTo(1);
        }
        String group0 = accepted.entrySet().stream().filter(e -> e.getValue().equals("restart-group-0")).findFirst().orElseThrow().getKey();
        String group1 = accepted.entrySet().stream().filter(e -> e.getValue().equals("restart-group-1")).findFirst().orElseThrow().getKey();
        assertThat(runtime.getVariable(id(runtime, group0), "alertCount")).isEqualTo(2);
        assertThat(runtime.getVariable(id(runtime, group1), "recoveryReportedAt")).isNotNull();

        // dedup and idempotency state survived too: redelivery is a duplicate, a new alert correlates
        IntakeClient client = client(again);
        JsonNode redelivered = JSON.readTree(client.postJson(IntakeApiTest.AM, IntakeApiTest.firing("restart-group-2")).body());
        assertThat(redelivered.get("status").asText()).isEqualTo("duplicate");
        JsonNode report = JSON.readTree(client.postJson("/api/incidents", "{\"title\":\"Restart report\",\"dedupKey\":\"restart-report\"}").body());
        assertThat(report.get("action").asText()).isEqualTo("alert_recorded");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("incident-response").count()).isEqualTo(6);
      }
    } finally {
      FileSystemUtils.deleteRecursively(dir);
    }
  }

  static String id(RuntimeService runtime, String number) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult().getId();
  }
}
