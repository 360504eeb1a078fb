package org.incidentresponse.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer that hands the duty from one user to the next, in order, at every handoff.
 *
 * <p>Day-based lengths ({@code daily}, {@code weekly}, {@code P3D}) are counted on the local calendar
 * of the schedule's time zone, so the handoff stays at its wall-clock time across daylight-saving
 * changes (a shift is then 23 or 25 hours long); time-based lengths ({@code PT12H}) are exact
 * durations. With restrictions, the layer is on duty only inside their windows.
 */
final class Rotation implements ShiftSource {

  private final List<String> users;
  private final ZoneId zone;
  private final LocalDateTime start;
  private final TemporalAmount length;
  private final List<Restriction> restrictions;

  Rotation(List<String> users, ZoneId zone, LocalDateTime start, TemporalAmount length, List<Restriction> restrictions) {
    this.users = List.copyOf(users);
    this.zone = zone;
    this.start = start;
    this.length = length;
    this.restrictions = List.copyOf(restrictions);
  }

  /** {@code daily}, {@code weekly} or an ISO-8601 period ({@code P3D}) or duration ({@code PT12H}). */
  static TemporalAmount parseLength(String rotation) {
    return switch (rotation) {
      case "daily" -> Period.ofDays(1);
      case "weekly" -> Period.ofWeeks(1);
      default -> rotation.contains("T") ? Duration.parse(rotation) : Period.parse(rotation);
    };
  }

  @Override
  public List<String> users() {
    return users;
  }

  List<Restriction> restrictions() {
    return restrictions;
  }

  @Override
  public Duration longestShift() {
    return approximateLength().plusDays(2);
  }

  private Duration approximateLength() {
    if (length instanceof Period period) {
      return Duration.ofDays(period.toTotalMonths() * 31 + period.getDays());
    }
    return (Duration) length;
  }

  private Instant handoff(long k) {
    if (length instanceof Period period) {
      return start.plus(period.multipliedBy(Math.toIntExact(k))).atZone(zone).toInstant();
    }
    return start.atZone(zone).toInstant().plus(((Duration) length).multipliedBy(k));
  }

  @Override
  public List<Shift> shifts(Instant from, Instant to) {
    List<Shift> rotation = new ArrayList<>();
    long approximate = Math.max(1, approximateLength().getSeconds());
    long k = Math.max(0, Duration.between(start.atZone(zone).toInstant(), from).getSeconds() / approximate - 2);
    for (Instant shiftStart = handoff(k); shiftStart.isBefore(to); shiftStart = handoff(++k)) {
      Shift shift = new Shift(users.get((int) (k % users.size())), shiftStart, handoff(k + 1)).clip(from, to);
      if (!shift.isEmpty()) {
        rotation.add(shift);
      }
    }
    return restrictions.isEmpty() ? rotation : restricted(rotation);
  }

  /** The parts of each shift that lie inside a restriction window. */
  private List<Shift> restricted(List<Shift> rotation) {
    List<Shift> onDuty = new ArrayList<>();
    for (Shift shift : rotation) {
      LocalDate first = shift.start().atZone(zone).toLocalDate().minusDays(1);
      LocalDate last = shift.end().atZone(zone).toLocalDate();
      for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
        for (Restriction restriction : restrictions) {
          Shift window = restriction.window(date, zone, shift.user());
          if (window != null) {
            Shift part = window.clip(shift.start(), shift.end());
            if (!part.isEmpty()) {
              onDuty.add(part);
            }
          }
        }
      }
    }
    onDuty.sort(java.util.Comparator.comparing(Shift::start));
    return onDuty;
  }
}
