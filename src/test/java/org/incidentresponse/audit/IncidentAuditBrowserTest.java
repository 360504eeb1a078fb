package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.browser.BrowserScripts;
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

  static final Path LOG = Path.of("target/browser/audit.log").toAbsolutePath();

  @Value("${camunda.bpm.admin-user.id}") String adminUser;
  @Value("${camunda.bpm.admin-user.password}") String adminPassword;

  @Test
  void auditorSeesTimelineAndChecklistOfAClosedIncidentInCockpit() throws Exception {
    BrowserScripts.require();
    Files.deleteIfExists(Path.of("target/browser/admin.png"));
    String number = closeIncident(incident("Checkout <b>down</b> for EU", "browser-audit-service", "high", "medium"));

    ProcessInstance open = start(incident("Search slow", "browser-audit-service", "low", "low"));

    // screenshots in target/browser
    BrowserScripts.run(LOG, Map.of("ADMIN_USER", adminUser, "ADMIN_PASSWORD", adminPassword), 240, "audit.mjs",
        baseUrl(), number, Path.of("target/browser").toAbsolutePath().toString(), open.getProcessDefinitionId(), open.getId());
    assertThat(Path.of("target/browser/incident-audit-incident.png")).exists();
    assertThat(Path.of("target/browser/admin.png")).as("the Admin step ran").exists();
  }
}
