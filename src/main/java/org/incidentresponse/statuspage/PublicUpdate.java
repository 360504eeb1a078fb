package org.incidentresponse.statuspage;

import java.time.Instant;

/** One public update of a {@link PublicIncident}: its state from then on, and the text customers read. */
public record PublicUpdate(String id, String incidentId, IncidentState state, String body, Instant createdAt) {}
