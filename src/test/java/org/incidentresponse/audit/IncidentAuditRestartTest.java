package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.incidentresponse.IncidentResponseApplication;
import org.incidentresponse.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/** The report of a closed incident inside its retention is read from the database: it survives a restart. */
class IncidentAuditRestartTest {

  @Test
  void reportOfAClosedIncidentSurvivesARestart() throws Exception {
    Path database = Path.of("target/audit-restart-db").toAbsolutePath();
    FileSystemUtils.deleteRecursively(database);
    Files.createDirectories(database);
    String url = "jdbc:h2:file:" + database.resolve("incident-response") + ";DB_CLOSE_ON_EXIT=FALSE";

    String number;
    IncidentReport before;
    try (ConfigurableApplicationContext app = start(url)) {
      number = new IncidentDriver(app.getBean(ProcessEngine.class))
          .closeIncident(AuditWebTestBase.incident("Restart check", "restart-service", "high", "high"));
      before = app.getBean(IncidentAudit.class).report(number).orElseThrow();
    }
    try (ConfigurableApplicationContext app = start(url)) {
      IncidentReport after = app.getBean(IncidentAudit.class).report(number).orElseThrow();
      assertThat(after.incident().status()).isEqualTo("closed");
      assertThat(after.checklist()).isEqualTo(before.checklist());
      assertThat(after.breaches()).isEqualTo(before.breaches());
      assertThat(after.timeline()).isEqualTo(before.timeline());
      assertThat(after.timeline()).hasSizeGreaterThan(20);
    }
  }

  private static ConfigurableApplicationContext start(String url) {
    return new SpringApplicationBuilder(IncidentResponseApplication.class)
        .profiles("demo", "test")
        .run("--spring.datasource.url=" + url, "--server.port=0", "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + TestMailServer.get().getSmtp().getPort());
  }
}
