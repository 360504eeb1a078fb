package org.incidentresponse.timeline;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The times the SOP promises: target times from the severity policy, the next stakeholder update,
 * and the post-incident review due date. Used from BPMN expressions as {@code responseTimeline}.
 *
 * <p>Times are ISO-8601 UTC strings to the minute ({@code 2026-11-29T21:30Z}): the format Camunda
 * timers parse and Tasklist's date-time fields read and write. The engine clock is used so that
 * tests can move time.
 */
@Component("responseTimeline")
public class ResponseTimeline {

  static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'");

  /** {@code from} plus an ISO duration such as {@code PT4H}; null when there is no duration. */
  public String after(Date from, String isoDuration) {
    if (isoDuration == null || isoDuration.isBlank()) {
      return null;
    }
    Instant start = from == null ? now() : from.toInstant();
    return format(start.plus(Duration.parse(isoDuration)));
  }

  /** When the next stakeholder update is due, or null when the severity has no scheduled updates. */
  public String nextUpdateAt(String cadence) {
    return after(null, cadence);
  }

  /** The review due date counted from now: calendar days, or Monday-to-Friday business days. */
  public String reviewDueAt(Number days, Boolean businessDays) {
    int count = days == null ? 5 : days.intValue();
    ZonedDateTime due = now().atZone(ZoneOffset.UTC);
    if (Boolean.TRUE.equals(businessDays)) {
      for (int added = 0; added < count; ) {
        due = due.plusDays(1);
        if (due.getDayOfWeek() != DayOfWeek.SATURDAY && due.getDayOfWeek() != DayOfWeek.SUNDAY) {
          added++;
        }
      }
    } else {
      due = due.plusDays(count);
    }
    return format(due.toInstant());
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  static String format(Instant instant) {
    // Round up to the minute, so a promised time is never earlier than the real one.
    Instant minute = instant.truncatedTo(ChronoUnit.MINUTES);
    Instant rounded = minute.equals(instant) ? minute : minute.plus(1, ChronoUnit.MINUTES);
    // Tasklist's date-time field (form-js 1.8) shifts exactly 00:00Z by a day west of UTC, and the
    // timeline form refuses it: promise one minute later instead.
    if (rounded.atZone(ZoneOffset.UTC).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
      rounded = rounded.plus(1, ChronoUnit.MINUTES);
    }
    return FORMAT.format(rounded.atZone(ZoneOffset.UTC));
  }
}
