package org.incidentresponse.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rotation arithmetic: handoffs across daylight-saving changes, restrictions, layer priority, overrides. */
class OnCallScheduleTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  static OnCallSchedule primaryOnly(ZoneId zone, ShiftSource... layers) {
    return new OnCallSchedule(zone, Map.of(OnCallRole.PRIMARY, List.of(layers)));
  }

  static Rotation weekly(ZoneId zone, String start, String... users) {
    return new Rotation(List.of(users), zone, LocalDateTime.parse(start), Rotation.parseLength("weekly"), List.of());
  }

  static Instant local(String dateTime, ZoneId zone) {
    return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
  }

  @Test
  void weeklyHandoffStaysAtNineInBerlinWhenSummerTimeEnds() {
    OnCallSchedule schedule = primaryOnly(BERLIN, weekly(BERLIN, "2026-01-05T09:00", "alice", "bob", "carol"));

    // 2026-10-25: clocks go back; the shift from Monday 19 October lasts 169 hours.
    Shift shift = schedule.at(OnCallRole.PRIMARY, local("2026-10-24T12:00", BERLIN), List.of()).orElseThrow();

    assertThat(shift.user()).isEqualTo("carol"); // week 41 since 5 January: 41 % 3 = 2
    assertThat(shift.start()).isEqualTo(Instant.parse("2026-10-19T07:00:00Z"));
    assertThat(shift.end()).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
    assertThat(Duration.between(shift.start(), shift.end())).isEqualTo(Duration.ofHours(169));
    assertThat(schedule.at(OnCallRole.PRIMARY, local("2026-10-26T09:00", BERLIN), List.of()).orElseThrow().user())
        .isEqualTo("alice");
    assertThat(schedule.at(OnCallRole.PRIMARY, local("2026-10-26T08:59", BERLIN), List.of()).orElseThrow().user())
        .isEqualTo("carol");
  }

  @Test
  void weeklyHandoffStaysAtNineInBerlinWhenSummerTimeStarts() {
    OnCallSchedule schedule = primaryOnly(BERLIN, weekly(BERLIN, "2026-01-05T09:00", "alice", "bob"));

    Shift shift = schedule.at(OnCallRole.PRIMARY, local("2026-03-29T12:00", BERLIN), List.of()).orElseThrow();

    assertThat(shift.start()).isEqualTo(local("2026-03-23T09:00", BERLIN));
    assertThat(shift.end()).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
    assertThat(Duration.between(shift.start(), shift.end())).isEqualTo(Duration.ofHours(167));
  }

  @Test
  void dailyHandoffInNewYorkAcrossTheSpringForward() {
    Rotation daily = new Rotation(List.of("dana", "eli"), NEW_YORK, LocalDateTime.parse("2026-03-01T09:00"),
        Rotation.parseLength("daily"), List.of());
    OnCallSchedule schedule = primaryOnly(NEW_YORK, daily);

    List<Shift> shifts = schedule.shifts(OnCallRole.PRIMARY, local("2026-03-07T09:00", NEW_YORK),
        local("2026-03-09T09:00", NEW_YORK), List.of());

    assertThat(shifts).extracting(Shift::user).containsExactly("dana", "eli"); // 6 and 7 days after the start
    assertThat(Duration.between(shifts.get(0).start(), shifts.get(0).end())).isEqualTo(Duration.ofHours(23));
    assertThat(shifts.get(0).end()).isEqualTo(Instant.parse("2026-03-08T13:00:00Z")); // 09:00 EDT
    assertThat(shifts.get(1).start()).isEqualTo(Instant.parse("2026-03-08T13:00:00Z"));
  }

  @Test
  void timeBasedRotationIsAnExactDuration() {
    Rotation twelveHours = new Rotation(List.of("dana", "eli"), NEW_YORK, LocalDateTime.parse("2026-03-07T21:00"),
        Rotation.parseLength("PT12H"), List.of());

    List<Shift> shifts = primaryOnly(NEW_YORK, twelveHours).shifts(OnCallRole.PRIMARY,
        local("2026-03-07T21:00", NEW_YORK), local("2026-03-08T22:00", NEW_YORK), List.of());

    assertThat(shifts).allSatisfy(shift -> assertThat(Duration.between(shift.start(), shift.end()))
        .isLessThanOrEqualTo(Duration.ofHours(12)));
    assertThat(shifts.get(0)).isEqualTo(new Shift("dana", local("2026-03-07T21:00", NEW_YORK),
        local("2026-03-08T10:00", NEW_YORK))); // 12 hours, the clock jumped from 02:00 to 03:00
  }

  @Test
  void aRestrictedLayerWinsOnlyInsideItsWindowsAndTheLayerBelowFillsTheRest() {
    Rotation nights = weekly(BERLIN, "2026-01-05T09:00", "alice");
    Rotation officeHours = new Rotation(List.of("bob"), BERLIN, LocalDateTime.parse("2026-01-05T09:00"),
        Rotation.parseLength("weekly"), List.of(new Restriction(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(17, 0))));
    OnCallSchedule schedule = primaryOnly(BERLIN, nights, officeHours);

    assertThat(userAt(schedule, "2026-12-01T10:00")).isEqualTo("bob"); // Tuesday
    assertThat(userAt(schedule, "2026-12-01T17:00")).isEqualTo("alice");
    assertThat(userAt(schedule, "2026-12-05T10:00")).isEqualTo("alice"); // Saturday
    Shift bobs = schedule.at(OnCallRole.PRIMARY, local("2026-12-01T10:00", BERLIN), List.of()).orElseThrow();
    assertThat(bobs.start()).isEqualTo(local("2026-12-01T09:00", BERLIN));
    assertThat(bobs.end()).isEqualTo(local("2026-12-01T17:00", BERLIN));
  }

  @Test
  void aRestrictionPastMidnightCoversTheNight() {
    Rotation night = new Rotation(List.of("carol"), BERLIN, LocalDateTime.parse("2026-01-05T09:00"),
        Rotation.parseLength("weekly"), List.of(new Restriction(EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0),
            LocalTime.of(6, 0))));
    OnCallSchedule schedule = primaryOnly(BERLIN, night);

    assertThat(userAt(schedule, "2026-12-02T03:00")).isEqualTo("carol");
    assertThat(userAt(schedule, "2026-12-02T12:00")).isNull();
  }

  @Test
  void theHigherLayerWinsWhereBothHaveSomeone() {
    OnCallSchedule schedule = primaryOnly(BERLIN, weekly(BERLIN, "2026-01-05T09:00", "alice"),
        weekly(BERLIN, "2026-11-30T09:00", "bob"));

    assertThat(userAt(schedule, "2026-11-30T08:00")).isEqualTo("alice"); // the higher layer has not started yet
    assertThat(userAt(schedule, "2026-11-30T10:00")).isEqualTo("bob");
  }

  @Test
  void anOverrideInsideAShiftSplitsItAndTheShiftResumesAfter() {
    OnCallSchedule schedule = primaryOnly(BERLIN, weekly(BERLIN, "2026-01-05T09:00", "alice", "bob"));
    Shift cover = new Shift("carol", local("2026-12-02T12:00", BERLIN), local("2026-12-02T18:00", BERLIN));

    List<Shift> shifts = schedule.shifts(OnCallRole.PRIMARY, local("2026-11-30T09:00", BERLIN),
        local("2026-12-07T09:00", BERLIN), List.of(cover));

    String owner = shifts.get(0).user();
    assertThat(shifts).containsExactly(
        new Shift(owner, local("2026-11-30T09:00", BERLIN), cover.start()),
        cover,
        new Shift(owner, cover.end(), local("2026-12-07T09:00", BERLIN)));
  }

  @Test
  void anOverrideAcrossAHandoffCoversTheEndOfOneShiftAndTheStartOfTheNext() {
    OnCallSchedule schedule = primaryOnly(BERLIN, weekly(BERLIN, "2026-01-05T09:00", "alice", "bob"));
    Shift cover = new Shift("carol", local("2026-12-07T06:00", BERLIN), local("2026-12-07T12:00", BERLIN));

    List<Shift> shifts = schedule.shifts(OnCallRole.PRIMARY, local("2026-12-07T00:00", BERLIN),
        local("2026-12-08T00:00", BERLIN), List.of(cover));

    assertThat(shifts).extracting(Shift::user).containsExactly(
        userAt(schedule, "2026-12-06T23:00"), "carol", userAt(schedule, "2026-12-07T13:00"));
    assertThat(shifts.get(1)).isEqualTo(cover);
    assertThat(schedule.at(OnCallRole.PRIMARY, local("2026-12-07T09:30", BERLIN), List.of(cover)).orElseThrow())
        .isEqualTo(cover);
  }

  private static String userAt(OnCallSchedule schedule, String local) {
    return schedule.at(OnCallRole.PRIMARY, local(local, BERLIN), List.of()).map(Shift::user).orElse(null);
  }

  @Test
  void beforeTheRotationStartsNobodyIsOnCall() {
    OnCallSchedule schedule = primaryOnly(BERLIN, weekly(BERLIN, "2026-01-05T09:00", "alice"));

    assertThat(schedule.at(OnCallRole.PRIMARY, ZonedDateTime.of(2026, 1, 5, 8, 0, 0, 0, BERLIN).toInstant(), List.of()))
        .isEmpty();
  }
}
