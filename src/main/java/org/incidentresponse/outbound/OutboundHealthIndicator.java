package org.incidentresponse.outbound;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code outbound} in {@code /actuator/health}: each chat channel and webhook with its redacted URL
 * and its state, read from the engine's delivery jobs, so it holds across restarts and nodes:
 * {@code up} (nothing failing), {@code retrying} (deliveries failed and wait for their next attempt),
 * {@code failing} (deliveries out of retries or refused: Cockpit incidents to retry). DOWN while a
 * channel is failing, as mail is DOWN while SMTP is; readiness does not include it, so a chat
 * outage never takes the node out of service. Never the URL's path or a secret.
 */
@Component
class OutboundHealthIndicator implements HealthIndicator {

  static final String UP = "up";
  static final String RETRYING = "retrying";
  static final String FAILING = "failing";

  private final Destinations destinations;
  private final ManagementService managementService;
  private final RuntimeService runtimeService;

  OutboundHealthIndicator(Destinations destinations, ManagementService managementService,
      RuntimeService runtimeService) {
    this.destinations = destinations;
    this.managementService = managementService;
    this.runtimeService = runtimeService;
  }

  @Override
  public Health health() {
    List<Job> failed = managementService.createJobQuery().processDefinitionKey(OutboundDelivery.PROCESS_KEY)
        .withException().list();
    Map<String, String> channelOfInstance = channels(failed.stream().map(Job::getProcessInstanceId)
        .collect(Collectors.toSet()));
    Map<String, int[]> counts = new HashMap<>();
    for (Job job : failed) {
      String channel = channelOfInstance.get(job.getProcessInstanceId());
      if (channel != null) {
        counts.computeIfAbsent(channel, c -> new int[2])[job.getRetries() > 0 ? 0 : 1]++;
      }
    }
    boolean anyFailing = false;
    Map<String, Object> channels = new LinkedHashMap<>();
    for (Destination destination : destinations.all()) {
      int[] count = counts.getOrDefault(destination.id(), new int[2]);
      String state = count[1] > 0 ? FAILING : count[0] > 0 ? RETRYING : UP;
      anyFailing |= count[1] > 0;
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("state", state);
      details.put("url", destination.redactedUrl());
      details.put("retrying", count[0]);
      details.put("failing", count[1]);
      channels.put(destination.id(), details);
    }
    return (anyFailing ? Health.down() : Health.up()).withDetail("channels", channels).build();
  }

  /** Process instance id → channel id, from the delivery's business key {@code <incident>/<notification>/<kind>/<name>}. */
  private Map<String, String> channels(Set<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return Map.of();
    }
    Map<String, String> channels = new HashMap<>();
    for (ProcessInstance instance : runtimeService.createProcessInstanceQuery()
        .processInstanceIds(processInstanceIds).list()) {
      String key = instance.getBusinessKey();
      int name = key == null ? -1 : key.lastIndexOf('/');
      int kind = name <= 0 ? -1 : key.lastIndexOf('/', name - 1);
      if (kind >= 0) {
        channels.put(instance.getId(), key.substring(kind + 1));
      }
    }
    return channels;
  }
}
