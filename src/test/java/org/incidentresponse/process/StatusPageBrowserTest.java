package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.statuspage.ScheduledMaintenance;
import org.incidentresponse.browser.BrowserScripts;
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

  static final Path LOG = Path.of("target/browser/status.log").toAbsolutePath();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void thePageWorksWithoutJavaScriptOnADesktopAndAPhone() throws Exception {
    BrowserScripts.require();

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
      BrowserScripts.run(LOG, Map.of(), 240, "status.mjs", "http://localhost:" + port, id, title, email, out);
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
}
