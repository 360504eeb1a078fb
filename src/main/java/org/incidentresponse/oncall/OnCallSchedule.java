package org.incidentresponse.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A team's on-call schedule: for each role, layers in ascending priority (the last wins where layers
 * overlap), and on top of all of them the overrides.
 */
public final class OnCallSchedule {

  private final ZoneId zone;
  private final Map<OnCallRole, List<ShiftSource>> layers;

  OnCallSchedule(ZoneId zone, Map<OnCallRole, List<ShiftSource>> layers) {
    this.zone = zone;
    this.layers = new EnumMap<>(OnCallRole.class);
    for (OnCallRole role : OnCallRole.values()) {
      this.layers.put(role, List.copyOf(layers.getOrDefault(role, List.of())));
    }
  }

  public ZoneId zone() {
    return zone;
  }

  List<ShiftSource> layers(OnCallRole role) {
    return layers.get(role);
  }

  /**
   * Who is on call for the role in [from, to): consecutive pieces of one user merged into one shift,
   * gaps (nobody on call) left out.
   */
  public List<Shift> shifts(OnCallRole role, Instant from, Instant to, List<Shift> overrides) {
    List<List<Shift>> bySource = new ArrayList<>();
    for (ShiftSource layer : layers.get(role)) {
      bySource.add(layer.shifts(from, to));
    }
    bySource.add(overrides.stream().map(o -> o.clip(from, to)).filter(o -> !o.isEmpty()).toList());
    TreeSet<Instant> changes = new TreeSet<>(List.of(from, to));
    bySource.forEach(shifts -> shifts.forEach(shift -> {
      changes.add(shift.start());
      changes.add(shift.end());
    }));
    List<Shift> merged = new ArrayList<>();
    Instant previous = null;
    for (Instant change : changes) {
      if (previous != null) {
        String user = winner(bySource, previous);
        if (user != null) {
          Shift last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
          if (last != null && last.user().equals(user) && last.end().equals(previous)) {
            merged.set(merged.size() - 1, new Shift(user, last.start(), change));
          } else {
            merged.add(new Shift(user, previous, change));
          }
        }
      }
      previous = change;
    }
    return merged;
  }

  /** The shift of the role at that moment, with its real start and end as far as the layers reach. */
  public Optional<Shift> at(OnCallRole role, Instant at, List<Shift> overrides) {
    Duration reach = layers.get(role).stream().map(ShiftSource::longestShift).max(Duration::compareTo)
        .orElse(Duration.ofDays(1)).multipliedBy(2);
    return shifts(role, at.minus(reach), at.plus(reach), overrides).stream()
        .filter(shift -> shift.covers(at)).findFirst();
  }

  /** Top-down: the override, then the highest layer that has someone on call at that moment. */
  private static String winner(List<List<Shift>> bySource, Instant at) {
    for (int i = bySource.size() - 1; i >= 0; i--) {
      for (Shift shift : bySource.get(i)) {
        if (shift.covers(at)) {
          return shift.user();
        }
      }
    }
    return null;
  }
}
