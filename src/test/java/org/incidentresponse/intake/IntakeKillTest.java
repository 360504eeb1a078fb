package org.incidentresponse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.incidentresponse.IncidentResponseApplication;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The app, in its own JVM on an H2 file database, is killed (SIGKILL) right after answering 2xx to
 * a series of alerts; every incident it answered for is in the database afterwards, with the job that
 * continues its start (cluster/IntakeFaultsIT runs that job after a restart).
 */
class IntakeKillTest {

  /** The H2 URL under test; the intake's guarantee needs commits flushed before the answer. */
  static final String URL_OPTIONS = System.getProperty("intake.kill.url-options", ";DB_CLOSE_ON_EXIT=FALSE");

  @Test
  void everyIncidentAnswered2xxSurvivesAKill() throws Exception {
    Path dir = Files.createTempDirectory("intake-kill");
    String url = "jdbc:h2:file:" + dir.resolve("incident-response").toAbsolutePath() + URL_OPTIONS;
    int port = AlertmanagerIntegrationTest.freePort();
    Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), IncidentResponseApplication.class.getName(),
        "--spring.profiles.active=demo", "--server.port=" + port, "--spring.datasource.url=" + url,
        "--camunda.bpm.job-execution.enabled=false", "--logging.level.root=WARN")
        .redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile()).start();
    Set<String> answered = new HashSet<>();
    try {
      IntakeClient client = new IntakeClient("http://127.0.0.1:" + port, "demo-intake-token");
      AlertmanagerIntegrationTest.awaitTrue("app started", Duration.ofSeconds(180), () -> {
        if (!app.isAlive()) {
          throw new AssertionError("app exited: see " + dir.resolve("app.log"));
        }
        try {
          return client.postJson(IntakeApiTest.AM, "{}").statusCode() == 400;
        } catch (RuntimeException e) {
          return false;
        }
      });
      ObjectMapper json = new ObjectMapper();
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> response = client.postJson(IntakeApiTest.AM, IntakeApiTest.firing("kill-" + i));
        assertThat(response.statusCode()).isEqualTo(200);
        answered.add(json.readTree(response.body()).at("/incidents/0/incidentNumber").asText());
      }
    } finally {
      app.destroyForcibly(); // SIGKILL right after the last answer: no shutdown hooks, no H2 close
      app.waitFor();
    }
    try (Connection db = DriverManager.getConnection(url, "sa", "")) {
      List<String> found = new ArrayList<>();
      try (ResultSet rs = db.createStatement().executeQuery(
          "SELECT BUSINESS_KEY_ FROM ACT_RU_EXECUTION WHERE PARENT_ID_ IS NULL AND BUSINESS_KEY_ LIKE 'INC-%'")) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
      try (ResultSet rs = db.createStatement().executeQuery("SELECT incident_number FROM intake_open_incident")) {
        while (rs.next()) {
          found.add("dedup:" + rs.getString(1));
        }
      }
      // The rest of each start (decisions, triage task, page) is the job after Task_LogIncident,
      // committed with the answer: the job executor (off here) runs it once the app is back.
      try (ResultSet rs = db.createStatement().executeQuery("SELECT e.BUSINESS_KEY_ FROM ACT_RU_JOB j"
          + " JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_ JOIN ACT_RU_EXECUTION e ON e.ID_ = j.PROCESS_INSTANCE_ID_"
          + " WHERE d.ACT_ID_ = 'Task_LogIncident'")) {
        while (rs.next()) {
          found.add("job:" + rs.getString(1));
        }
      }
      for (String number : answered) {
        assertThat(found).as("incident %s answered 2xx before the kill", number).contains(number, "dedup:" + number, "job:" + number);
      }
    } finally {
      FileSystemUtils.deleteRecursively(dir);
    }
  }
}
