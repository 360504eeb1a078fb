package org.incidentresponse.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Prometheus {@code incident_response_outbound_sent_total{kind,channel}} (messages a channel
 * accepted) and {@code incident_response_outbound_failed_total{kind,channel}} (each failed attempt,
 * retried or not). Every configured channel's series exists from the start, at 0.
 */
@Component
class OutboundMetrics {

  static final String SENT = "incident.response.outbound.sent";
  static final String FAILED = "incident.response.outbound.failed";

  private final MeterRegistry registry;

  OutboundMetrics(MeterRegistry registry, Destinations destinations) {
    this.registry = registry;
    destinations.all().forEach(d -> {
      counter(SENT, d);
      counter(FAILED, d);
    });
  }

  void sent(Destination destination) {
    counter(SENT, destination).increment();
  }

  void failed(Destination destination) {
    counter(FAILED, destination).increment();
  }

  private Counter counter(String name, Destination destination) {
    return Counter.builder(name).tag("kind", destination.kind().id()).tag("channel", destination.name())
        .register(registry);
  }
}
