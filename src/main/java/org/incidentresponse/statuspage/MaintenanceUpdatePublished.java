package org.incidentresponse.statuspage;

/** Published in the maintenance step's transaction when it adds a public update. */
public record MaintenanceUpdatePublished(Maintenance maintenance, Maintenance.Update update) {}
