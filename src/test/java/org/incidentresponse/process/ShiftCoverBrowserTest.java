package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
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
 * a Saturday, 10:00 to 14:00 Berlin, and his own calendar export shows the shift at once; carol then
 * finds the news in her mail. The browser works on the real clock, so the Saturday is the first one
 * at least a week ahead in a week of carol's (the demo's weekly rotation alice, bob, carol from
 * Monday 5 January 2026, 09:00). Skipped, with the reason, when node or Chromium is missing
 * ({@link BrowserScripts#require()}).
 */
class ShiftCoverBrowserTest extends ProcessScenario {

  static final Path LOG = Path.of("target/browser/oncall.log").toAbsolutePath();
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZonedDateTime ROTATION_START = ZonedDateTime.of(2026, 1, 5, 9, 0, 0, 0, BERLIN);

  @LocalServerPort int port;
  @Autowired OnCall onCall;

  @Test
  void aResponderTakesOverATeamMatesShiftThroughTasklist() throws Exception {
    BrowserScripts.require();
    List<String> before = coverInstances();

    LocalDate saturday = carolsNextSaturday();
    Instant from = saturday.atTime(10, 0).atZone(BERLIN).toInstant();
    Instant until = saturday.atTime(14, 0).atZone(BERLIN).toInstant();
    assertThat(onCall.at(onCall.catalog().team("payments").orElseThrow(), OnCallRole.PRIMARY, from)
        .orElseThrow().user()).as("carol is primary before the cover").isEqualTo("carol");
    String typed = saturday.getMonthValue() + "/" + saturday.getDayOfMonth() + "/" + saturday.getYear();

    BrowserScripts.run(LOG, Map.of(), 240, "oncall.mjs", "http://localhost:" + port, typed, typed);

    DateTimeFormatter ics = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneId.of("UTC"));
    assertThat(Files.readAllLines(LOG)).anySatisfy(line -> assertThat(line).startsWith("@@ics ")
        .contains("DTSTART:" + ics.format(from) + "\\r\\nDTEND:" + ics.format(until)));
    assertThat(onCall.at(onCall.catalog().team("payments").orElseThrow(), OnCallRole.PRIMARY, from)
        .orElseThrow().user()).isEqualTo("bob");
    List<String> started = coverInstances().stream().filter(id -> !before.contains(id)).toList();
    assertThat(started).as("one cover started from the form").hasSize(1);
    incidents.addAll(started);
    runDueJobs();
    assertThat(mailsTo("carol@example.org")).singleElement().satisfies(mail -> {
      assertThat(subject(mail)).isEqualTo("Shift covered: bob takes over your primary on-call shift (Payments)");
      assertThat(text(mail)).contains("from " + saturday.format(DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH))
          + " 10:00 (Europe/Berlin)").contains("&lt;b&gt;wedding&lt;/b&gt;");
    });
  }

  /** The first Saturday at least a week from today whose 10:00 Berlin lies in one of carol's weeks (every third). */
  static LocalDate carolsNextSaturday() {
    LocalDate saturday = LocalDate.now(BERLIN).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
    while (Duration.between(ROTATION_START, saturday.atTime(LocalTime.of(10, 0)).atZone(BERLIN)).toDays() / 7 % 3 != 2) {
      saturday = saturday.plusWeeks(1);
    }
    return saturday;
  }

  /** Cover processes, running or ended: the one the browser started ends once its mail job has run. */
  private List<String> coverInstances() {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(ShiftCover.PROCESS_KEY).list()
        .stream().map(instance -> instance.getId()).toList();
  }
}
