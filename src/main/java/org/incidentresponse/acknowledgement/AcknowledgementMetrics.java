package org.incidentresponse.acknowledgement;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * {@code incident_response_sop_acknowledged_share{group}}: the share of each group's members who
 * acknowledged the SOP's latest version, 0 to 1. Before a second version there is nothing to keep up
 * with, so it is 1.
 */
@Component
public class AcknowledgementMetrics implements SmartInitializingSingleton {

  private final MeterRegistry registry;
  private final AcknowledgementRequests requests;
  private final SopAcknowledgements acknowledgements;

  public AcknowledgementMetrics(MeterRegistry registry, AcknowledgementRequests requests,
      SopAcknowledgements acknowledgements) {
    this.registry = registry;
    this.requests = requests;
    this.acknowledgements = acknowledgements;
  }

  @Override
  public void afterSingletonsInstantiated() {
    for (String group : requests.groups()) {
      Gauge.builder("incident.response.sop.acknowledged.share", () -> share(group))
          .description("Share of the group's members who acknowledged the SOP's latest version")
          .tag("group", group)
          .register(registry);
    }
  }

  private double share(String group) {
    int version = requests.latestVersion();
    if (version < 2) {
      return 1.0;
    }
    Set<String> done = acknowledgements.of(version).stream().map(SopAcknowledgements.Acknowledgement::userId)
        .collect(Collectors.toSet());
    return requests.shares(version, done).stream().filter(s -> s.group().equals(group)).findFirst()
        .map(AcknowledgementRequests.GroupShare::share).orElse(1.0);
  }
}
