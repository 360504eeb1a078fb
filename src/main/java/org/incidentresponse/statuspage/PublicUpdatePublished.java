package org.incidentresponse.statuspage;

/**
 * Published, inside the engine's transaction, when the SOP adds a public update to an incident;
 * subscribers are told only once that transaction commits.
 *
 * @param incident the incident as it is after the update
 * @param update the new update
 */
public record PublicUpdatePublished(PublicIncident incident, PublicUpdate update) {}
