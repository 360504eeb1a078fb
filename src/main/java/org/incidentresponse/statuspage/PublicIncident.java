package org.incidentresponse.statuspage;

import java.time.Instant;
import java.util.List;

/**
 * An incident as the public sees it: only what the incident commander and communications chose to
 * publish. Nothing here is read from the incident's internal fields.
 *
 * @param id the public id (random, not the incident number or the process instance)
 * @param title the public title
 * @param impact the impact on its components, an outage status
 * @param components ids of the affected components
 * @param updates every public update, newest first
 */
public record PublicIncident(String id, String title, IncidentState state, ComponentStatus impact,
    List<String> components, Instant createdAt, Instant updatedAt, Instant monitoringAt, Instant resolvedAt,
    List<PublicUpdate> updates) {

  public PublicIncident {
    components = List.copyOf(components);
    updates = List.copyOf(updates);
  }

  public boolean isResolved() {
    return state == IncidentState.RESOLVED;
  }

  public boolean affects(String componentId) {
    return components.contains(componentId);
  }

  /** Whether it was open (not yet resolved) at some moment in [from, to). */
  public boolean openDuring(Instant from, Instant to) {
    return createdAt.isBefore(to) && (resolvedAt == null || !resolvedAt.isBefore(from));
  }

  PublicIncident withUpdates(List<PublicUpdate> newestFirst) {
    return new PublicIncident(id, title, state, impact, components, createdAt, updatedAt, monitoringAt, resolvedAt,
        newestFirst);
  }
}
