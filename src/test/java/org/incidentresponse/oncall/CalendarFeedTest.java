package org.incidentresponse.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** iCalendar schedules read with RRULE, EXDATE and a VTIMEZONE, and exports that a parser reads back. */
class CalendarFeedTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Alice weekly from Monday 09:00 to Tuesday 09:00 (Berlin), except on 19 October; Bob on Wednesdays. */
  static final String FEED = """
      BEGIN:VCALENDAR\r
      VERSION:2.0\r
      PRODID:-//Example//Shared on-call calendar//EN\r
      BEGIN:VTIMEZONE\r
      TZID:Europe/Berlin\r
      BEGIN:DAYLIGHT\r
      TZOFFSETFROM:+0100\r
      TZOFFSETTO:+0200\r
      TZNAME:CEST\r
      DTSTART:19700329T020000\r
      RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
      END:DAYLIGHT\r
      BEGIN:STANDARD\r
      TZOFFSETFROM:+0200\r
      TZOFFSETTO:+0100\r
      TZNAME:CET\r
      DTSTART:19701025T030000\r
      RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
      END:STANDARD\r
      END:VTIMEZONE\r
      BEGIN:VEVENT\r
      UID:alice-mondays@example.org\r
      DTSTAMP:20260101T000000Z\r
      DTSTART;TZID=Europe/Berlin:20261005T090000\r
      DTEND;TZID=Europe/Berlin:20261006T090000\r
      RRULE:FREQ=WEEKLY;BYDAY=MO\r
      EXDATE;TZID=Europe/Berlin:20261019T090000\r
      SUMMARY:alice\r
      END:VEVENT\r
      BEGIN:VEVENT\r
      UID:bob-wednesdays@example.org\r
      DTSTAMP:20260101T000000Z\r
      DTSTART;TZID=Europe/Berlin:20261007T000000\r
      DTEND;TZID=Europe/Berlin:20261008T000000\r
      RRULE:FREQ=WEEKLY;COUNT=10\r
      SUMMARY:bob\r
      END:VEVENT\r
      END:VCALENDAR\r
      """;

  static CalendarFeed feed(String ics) throws IOException {
    return CalendarFeed.read(new ByteArrayInputStream(ics.getBytes(StandardCharsets.UTF_8)), BERLIN, "test.ics");
  }

  @Test
  void recurrenceExceptionsAndTimeZonesAreExpanded() throws IOException {
    CalendarFeed feed = feed(FEED);

    List<Shift> alice = feed.shifts(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-10T00:00:00Z"))
        .stream().filter(shift -> shift.user().equals("alice")).toList();

    assertThat(alice).extracting(Shift::start).containsExactly(
        Instant.parse("2026-10-05T07:00:00Z"),
        Instant.parse("2026-10-12T07:00:00Z"),
        // 19 October is excluded; from 26 October Berlin is on winter time, 09:00 is 08:00 UTC
        Instant.parse("2026-10-26T08:00:00Z"),
        Instant.parse("2026-11-02T08:00:00Z"),
        Instant.parse("2026-11-09T08:00:00Z"));
    assertThat(feed.users()).containsExactlyInAnyOrder("alice", "bob");
  }

  @Test
  void aFeedIsALayerOfTheSchedule() throws IOException {
    OnCallSchedule schedule = new OnCallSchedule(BERLIN, Map.of(OnCallRole.PRIMARY, List.of(feed(FEED))));

    assertThat(schedule.at(OnCallRole.PRIMARY, Instant.parse("2026-10-14T12:00:00Z"), List.of()).orElseThrow())
        .isEqualTo(new Shift("bob", Instant.parse("2026-10-13T22:00:00Z"), Instant.parse("2026-10-14T22:00:00Z")));
    assertThat(schedule.at(OnCallRole.PRIMARY, Instant.parse("2026-10-19T12:00:00Z"), List.of())).isEmpty();
  }

  @Test
  void theExportIsReadBackAsTheSameShifts() throws IOException {
    List<Shift> shifts = List.of(
        new Shift("alice", Instant.parse("2026-10-19T07:00:00Z"), Instant.parse("2026-10-26T08:00:00Z")),
        new Shift("bob", Instant.parse("2026-10-26T08:00:00Z"), Instant.parse("2026-11-02T08:00:00Z")));

    String exported = CalendarExport.write("On call: Payments",
        shifts.stream().map(shift -> new CalendarExport.Entry("payments", OnCallRole.PRIMARY, shift)).toList(), true);

    assertThat(exported).startsWith("BEGIN:VCALENDAR").contains("DTSTART:20261019T070000Z");
    assertThat(feed(exported).shifts(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")))
        .containsExactlyElementsOf(shifts);
  }
}
