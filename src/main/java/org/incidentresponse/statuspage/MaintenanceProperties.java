package org.incidentresponse.statuspage;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code incident-response.status-page.maintenance}: who may schedule a maintenance through the API
 * (Tasklist's start form is guarded by the process definition's grants in the identity roles).
 *
 * @param schedulerGroups groups that may {@code POST /api/status-page/maintenances}
 */
@ConfigurationProperties("incident-response.status-page.maintenance")
public record MaintenanceProperties(List<String> schedulerGroups) {
  public MaintenanceProperties {
    schedulerGroups = schedulerGroups == null || schedulerGroups.isEmpty()
        ? List.of("communications", "maintenance-schedulers", "camunda-admin") : List.copyOf(schedulerGroups);
  }
}
