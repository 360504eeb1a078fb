package org.incidentresponse.oncall;

import java.util.List;

/** A service of the catalog: the {@code service} of alerts and reports, and the team that owns it. */
public record Service(String id, String name, String team, String tier, String runbook, String dashboard,
    List<String> stakeholders) {}
