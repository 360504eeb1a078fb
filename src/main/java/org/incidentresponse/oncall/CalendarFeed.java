package org.incidentresponse.oncall;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * A layer planned in a shared calendar (RFC 5545): each event names the user on call in its summary.
 * Recurrence ({@code RRULE}, {@code EXDATE}, {@code RDATE}) and time zones ({@code VTIMEZONE}) are
 * expanded by ical4j. Floating and all-day times are read in the schedule's time zone.
 */
final class CalendarFeed implements ShiftSource {

  private final List<VEvent> events;
  private final ZoneId zone;
  private final String location;

  private CalendarFeed(List<VEvent> events, ZoneId zone, String location) {
    this.events = events;
    this.zone = zone;
    this.location = location;
  }

  static CalendarFeed read(InputStream in, ZoneId zone, String location) throws IOException {
    try {
      Calendar calendar = new CalendarBuilder().build(in);
      List<VEvent> events = calendar.<VEvent>getComponents(Component.VEVENT);
      return new CalendarFeed(List.copyOf(events), zone, location);
    } catch (ParserException e) {
      throw new IOException("not an iCalendar file: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Shift> shifts(Instant from, Instant to) {
    Period<ZonedDateTime> window = new Period<>(from.atZone(zone), to.atZone(zone));
    List<Shift> shifts = new ArrayList<>();
    for (VEvent event : events) {
      String user = user(event);
      if (user == null) {
        continue;
      }
      Set<Period<Temporal>> occurrences = event.calculateRecurrenceSet(window);
      for (Period<Temporal> occurrence : occurrences) {
        Shift shift = new Shift(user, instant(occurrence.getStart()), instant(occurrence.getEnd())).clip(from, to);
        if (!shift.isEmpty()) {
          shifts.add(shift);
        }
      }
    }
    shifts.sort(Comparator.comparing(Shift::start));
    return shifts;
  }

  @Override
  public Duration longestShift() {
    return Duration.ofDays(32);
  }

  @Override
  public List<String> users() {
    return events.stream().map(CalendarFeed::user).filter(java.util.Objects::nonNull).distinct().toList();
  }

  String location() {
    return location;
  }

  private static String user(VEvent event) {
    return event.<net.fortuna.ical4j.model.Property>getProperty(net.fortuna.ical4j.model.Property.SUMMARY)
        .map(summary -> summary.getValue().strip()).filter(s -> !s.isEmpty()).orElse(null);
  }

  private Instant instant(Temporal time) {
    if (time instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    if (time instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (time instanceof Instant instant) {
      return instant;
    }
    if (time instanceof LocalDateTime local) {
      return local.atZone(zone).toInstant();
    }
    if (time instanceof LocalDate date) {
      return date.atStartOfDay(zone).toInstant();
    }
    throw new IllegalArgumentException("unsupported iCalendar time " + time);
  }
}
