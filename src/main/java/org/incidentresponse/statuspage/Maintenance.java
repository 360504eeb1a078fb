package org.incidentresponse.statuspage;

import java.time.Instant;
import java.util.List;

/**
 * A maintenance window as the public sees it: only what its scheduler wrote for the public.
 *
 * @param scheduledFor the window's start
 * @param scheduledUntil the window's end, moved when it is extended or completed early
 * @param updates newest first
 */
public record Maintenance(String id, String title, MaintenanceState state, List<String> components,
    Instant scheduledFor, Instant scheduledUntil, Instant createdAt, Instant updatedAt, Instant startedAt,
    Instant completedAt, List<Update> updates) {

  public Maintenance {
    components = List.copyOf(components);
    updates = List.copyOf(updates);
  }

  /** One public update of a maintenance. */
  public record Update(String id, String maintenanceId, MaintenanceState state, String body, Instant createdAt) {}

  public boolean affects(String component) {
    return components.contains(component);
  }

  public boolean isActive() {
    return state == MaintenanceState.IN_PROGRESS;
  }

  public boolean isUpcoming() {
    return state == MaintenanceState.SCHEDULED;
  }

  Maintenance withUpdates(List<Update> all) {
    return new Maintenance(id, title, state, components, scheduledFor, scheduledUntil, createdAt, updatedAt,
        startedAt, completedAt, all);
  }
}
