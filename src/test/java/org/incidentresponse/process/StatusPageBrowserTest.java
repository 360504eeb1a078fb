package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.statuspage.ScheduledMaintenance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The public status page in Debian's headless Chromium with JavaScript off ({@code src/test/browser/status.mjs}):
 * a public SEV1 and an upcoming maintenance on the page, the incident's own page, accessibility basics,
 * a phone-sized viewport, and a subscription through the form whose confirmation mail GreenMail
 * receives. Screenshots: {@code target/browser/}; {@code -Dscreenshots=true} refreshes those in
 * {@code docs/screenshots/}. Skipped only when node or /usr/bin/chromium is missing.
 */
class StatusPageBrowserTest extends ProcessScenario {

  static final Path BROWSER = Path.of("src/test/browser");
  static final Path LOG = Path.of("target/browser/status.log").toAbsolutePath();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void thePageWorksWithoutJavaScriptOnADesktopAndAPhone() throws Exception {
    assumeTrue(new File("/usr/bin/chromium").canExecute() || System.getenv("CHROMIUM_PATH") != null,
        "Chromium is not installed at /usr/bin/chromium (apt-get install chromium); browser test skipped");
    assumeTrue(onPath("node") && onPath("npm"), "node/npm are not installed; browser test skipped");
    Files.createDirectories(LOG.getParent());
    Files.deleteIfExists(LOG);
    if (!Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"))) {
      assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300)).as("npm ci").isZero();
    }

    Map<String, Object> report = report("high", "high", true);
    ProcessInstance incident = start(report);
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Checkout 502"));
    String title = "Payments are failing";
    complete(incident, "Task_ClassifyIncident", "commander", Map.of("publicIncident", true, "publicTitle", title,
        "publicImpact", "major_outage"));
    String id = jdbc.sql("SELECT id FROM status_incident WHERE process_instance_id = ?").param(incident.getId())
        .query(String.class).single();
    ProcessInstance maintenance = runtimeService.startProcessInstanceByKey(ScheduledMaintenance.PROCESS_KEY, Map.of(
        ScheduledMaintenance.TITLE, "Billing database upgrade",
        ScheduledMaintenance.MESSAGE, "Invoices may be unavailable for a few minutes.",
        ScheduledMaintenance.COMPONENTS, "billing",
        ScheduledMaintenance.STARTS_AT, "2026-12-01T22:00Z", ScheduledMaintenance.ENDS_AT, "2026-12-02T00:00Z"));
    incidents.add(maintenance.getId());
    runDueJobs();

    String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
    String out = Boolean.getBoolean("screenshots") ? Path.of("docs/screenshots").toAbsolutePath().toString()
        : Path.of("target/browser").toAbsolutePath().toString();
    try {
      int exit = run(List.of("node", "status.mjs", "http://localhost:" + port, id, title, email, out), 240);
      assertThat(exit).as("node src/test/browser/status.mjs exit code:%n%s", Files.readString(LOG)).isZero();
      assertThat(mailsTo(email)).as("the confirmation mail of the form's subscription").singleElement()
          .satisfies(mail -> assertThat(subject(mail)).isEqualTo("Example Corp status: confirm your subscription"));
    } finally {
      runtimeService.deleteProcessInstance(incident.getId(), "test done");
      runtimeService.deleteProcessInstance(maintenance.getId(), "test done");
      jdbc.sql("UPDATE status_incident SET state = 'resolved', resolved_at = updated_at WHERE id = ?").param(id).update();
      jdbc.sql("UPDATE status_maintenance SET state = 'completed', completed_at = updated_at WHERE process_instance_id = ?")
          .param(maintenance.getId()).update();
    }
  }

  private static int run(List<String> command, int timeoutSeconds) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(BROWSER.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
    builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
    }
    return process.exitValue();
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, program).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
