package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.incidentresponse.browser.BrowserScripts;
import org.incidentresponse.oncall.OnCall;
import org.incidentresponse.oncall.OnCallRole;
import org.incidentresponse.oncall.ShiftCover;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "Cover an on-call shift" in a real browser ({@code src/test/browser/oncall.mjs}, playwright-core
 * and Debian's Chromium): bob fills the start form in Tasklist to take over carol's primary shift on
 * Saturday 6 February 2027, 10:00 to 14:00 Berlin (week 56 of the demo rotation: carol), and his own
 * calendar export shows the shift at once; carol then finds the news in her mail. Skipped, with the
 * reason, when node or Chromium is missing ({@link BrowserScripts#require()}).
 */
class ShiftCoverBrowserTest extends ProcessScenario {

  static final Path LOG = Path.of("target/browser/oncall.log").toAbsolutePath();

  @LocalServerPort int port;
  @Autowired OnCall onCall;

  @Test
  void aResponderTakesOverATeamMatesShiftThroughTasklist() throws Exception {
    BrowserScripts.require();
    List<String> before = coverInstances();

    BrowserScripts.run(LOG, Map.of(), 240, "oncall.mjs", "http://localhost:" + port, "2/6/2027", "2/6/2027");

    assertThat(Files.readAllLines(LOG)).anySatisfy(line -> assertThat(line).startsWith("@@ics ")
        .contains("DTSTART:20270206T090000Z\\r\\nDTEND:20270206T130000Z"));
    assertThat(onCall.at(onCall.catalog().team("payments").orElseThrow(), OnCallRole.PRIMARY,
        Instant.parse("2027-02-06T09:00:00Z")).orElseThrow().user()).isEqualTo("bob");
    List<String> started = coverInstances().stream().filter(id -> !before.contains(id)).toList();
    assertThat(started).as("one cover started from the form").hasSize(1);
    incidents.addAll(started);
    runDueJobs();
    assertThat(mailsTo("carol@example.org")).singleElement().satisfies(mail -> {
      assertThat(subject(mail)).isEqualTo("Shift covered: bob takes over your primary on-call shift (Payments)");
      assertThat(text(mail)).contains("from Sat 6 Feb 2027 10:00 (Europe/Berlin)").contains("&lt;b&gt;wedding&lt;/b&gt;");
    });
  }

  /** Cover processes, running or ended: the one the browser started ends once its mail job has run. */
  private List<String> coverInstances() {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(ShiftCover.PROCESS_KEY).list()
        .stream().map(instance -> instance.getId()).toList();
  }
}
