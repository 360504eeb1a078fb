package org.incidentresponse.intake;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The generic JSON report, for people and scripts: POST /api/incidents. Only the title is required.
 * With a dedup key, a report for an incident that is still open is recorded on that incident
 * instead of opening a second one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentReport(
    String title,
    String description,
    String service,
    String impact,
    String urgency,
    Boolean customerImpact,
    String externalContacts,
    String reporter,
    String dedupKey,
    String runbookUrl,
    String dashboardUrl,
    Boolean drill) {}
