package org.incidentresponse.oncall;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * When a layer applies: on these days, from {@code from} to {@code to}, local time of the schedule.
 * A window whose end is not after its start runs past midnight into the next day.
 */
record Restriction(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

  /** This restriction's window that starts on {@code date}, or null if it does not apply that day. */
  Shift window(LocalDate date, ZoneId zone, String user) {
    if (!days.contains(date.getDayOfWeek())) {
      return null;
    }
    ZonedDateTime start = ZonedDateTime.of(date, from, zone);
    ZonedDateTime end = ZonedDateTime.of(to.isAfter(from) ? date : date.plusDays(1), to, zone);
    return new Shift(user, start.toInstant(), end.toInstant());
  }

  /** Whether two restrictions can be in force at the same moment, checked per starting day. */
  boolean overlaps(Restriction other) {
    LocalDate monday = LocalDate.of(2024, 1, 1);
    for (int a = 0; a < 7; a++) {
      for (int b = -1; b <= 1; b++) {
        Shift mine = window(monday.plusDays(7 + a), ZoneId.of("UTC"), "");
        Shift theirs = other.window(monday.plusDays(7 + a + b), ZoneId.of("UTC"), "");
        if (mine != null && theirs != null && mine.start().isBefore(theirs.end()) && theirs.start().isBefore(mine.end())) {
          return true;
        }
      }
    }
    return false;
  }
}
