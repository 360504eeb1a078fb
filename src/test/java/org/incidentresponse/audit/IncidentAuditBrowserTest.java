package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The Cockpit plugin in real headless Chromium: {@code src/test/browser/audit.mjs} logs in as the
 * auditor, opens Incident audit, finds a closed incident and checks its timeline and checklist, then
 * follows the Incident audit tabs of the process definition and of a running incident; then it logs in
 * to Admin as the administrator and opens Welcome. In Cockpit, Admin and Welcome, Camunda's "migrate to
 * Camunda 8" banner must stay hidden. Screenshots: {@code target/browser/}. Skipped only when node or /usr/bin/chromium is missing.
 */
class IncidentAuditBrowserTest extends AuditWebTestBase {

  static final Path BROWSER = Path.of("src/test/browser");
  static final Path LOG = Path.of("target/browser/audit.log").toAbsolutePath();

  @Value("${camunda.bpm.admin-user.id}") String adminUser;
  @Value("${camunda.bpm.admin-user.password}") String adminPassword;

  @Test
  void auditorSeesTimelineAndChecklistOfAClosedIncidentInCockpit() throws Exception {
    assumeTrue(new File("/usr/bin/chromium").canExecute() || System.getenv("CHROMIUM_PATH") != null,
        "Chromium is not installed at /usr/bin/chromium (apt-get install chromium); browser test skipped");
    assumeTrue(onPath("node") && onPath("npm"), "node/npm are not installed; browser test skipped");

    Files.createDirectories(LOG.getParent());
    Files.deleteIfExists(LOG);
    Files.deleteIfExists(Path.of("target/browser/admin.png"));
    if (!Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"))) {
      assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300)).as("npm ci").isZero();
    }
    String number = closeIncident(incident("Checkout <b>down</b> for EU", "browser-audit-service", "high", "medium"));

    ProcessInstance open = start(incident("Search slow", "browser-audit-service", "low", "low"));

    int exit = run(List.of("node", "audit.mjs", baseUrl(), number, Path.of("target/browser").toAbsolutePath().toString(),
        open.getProcessDefinitionId(), open.getId()), Map.of("ADMIN_USER", adminUser, "ADMIN_PASSWORD", adminPassword), 240);
    assertThat(exit).as("node src/test/browser/audit.mjs exit code (screenshots in target/browser):%n%s",
        Files.readString(LOG)).isZero();
    assertThat(Path.of("target/browser/incident-audit-incident.png")).exists();
    assertThat(Path.of("target/browser/admin.png")).as("the Admin step ran").exists();
  }

  private static int run(List<String> command, Map<String, String> environment, int timeoutSeconds) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(BROWSER.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
    builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    builder.environment().putAll(environment);
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
