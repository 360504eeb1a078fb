package org.incidentresponse.operations;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operations settings.
 *
 * @param metricsGroups Camunda groups whose members may read /actuator/prometheus (HTTP basic auth)
 * @param gaugeCacheTime how long the open-incident and job-backlog figures are reused between scrapes
 */
@ConfigurationProperties("incident-response.operations")
public record OperationsProperties(List<String> metricsGroups, Duration gaugeCacheTime) {

  public OperationsProperties {
    metricsGroups = metricsGroups == null || metricsGroups.isEmpty()
        ? List.of("camunda-admin", "monitoring") : List.copyOf(metricsGroups);
    gaugeCacheTime = gaugeCacheTime == null ? Duration.ofSeconds(10) : gaugeCacheTime;
  }
}
