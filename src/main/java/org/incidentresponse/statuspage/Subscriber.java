package org.incidentresponse.statuspage;

import java.time.Instant;
import java.util.List;

/**
 * A visitor who asked for mail about the status page.
 *
 * @param components the component ids chosen; empty for every component
 * @param token the secret in the confirmation and unsubscribe links
 * @param confirmedAt null until the address is confirmed: nothing is sent before
 */
public record Subscriber(String id, String email, List<String> components, String token, Instant createdAt,
    Instant confirmedAt) {

  public Subscriber {
    components = List.copyOf(components);
  }

  public boolean wants(PublicIncident incident) {
    return wants(incident.components());
  }

  public boolean wants(List<String> affected) {
    return components.isEmpty() || affected.stream().anyMatch(components::contains);
  }
}
