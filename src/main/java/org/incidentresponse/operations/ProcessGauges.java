package org.incidentresponse.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.Severity;
import org.incidentresponse.sop.Sop;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the engine's runtime tables, cached for {@code gauge-cache-time} so that a
 * scrape costs at most five count queries: {@code incident_response_incidents_open{severity}} and
 * {@code incident_response_jobs_executable} (the job executor backlog: jobs due with retries left)
 * and {@code incident_response_jobs_failed} (jobs out of retries, shown as incidents in Cockpit).
 * On a cluster every node reports the same, shared figures.
 */
@Component
public class ProcessGauges implements MeterBinder {

  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final long cacheMillis;
  private volatile Snapshot snapshot;

  public ProcessGauges(RuntimeService runtimeService, ManagementService managementService,
      OperationsProperties properties) {
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.cacheMillis = properties.gaugeCacheTime().toMillis();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Severity severity : Severity.values()) {
      Gauge.builder("incident.response.incidents.open", () -> snapshot().open().getOrDefault(severity, 0L))
          .description("Open incidents (running SOP instances) by current severity")
          .tag(IncidentVariable.SEVERITY.id(), severity.name())
          .register(registry);
    }
    Gauge.builder("incident.response.jobs.executable", (Supplier<Number>) () -> snapshot().executableJobs())
        .description("Job executor backlog: jobs that are due and have retries left")
        .register(registry);
    Gauge.builder("incident.response.jobs.failed", (Supplier<Number>) () -> snapshot().failedJobs())
        .description("Jobs out of retries (Cockpit incidents), e.g. notifications that could not be sent")
        .register(registry);
  }

  /** Makes the next scrape query the engine again. */
  void expire() {
    snapshot = null;
  }

  Snapshot snapshot() {
    Snapshot current = snapshot;
    long now = System.currentTimeMillis();
    if (current == null || now - current.takenAt() > cacheMillis) {
      try {
        current = take(now);
      } catch (RuntimeException databaseDown) {
        // Keep the last figures while the database is unreachable; health reports the outage.
        return current != null ? current : new Snapshot(now, Map.of(), 0, 0);
      }
      snapshot = current;
    }
    return current;
  }

  private Snapshot take(long now) {
    Map<Severity, Long> open = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      open.put(severity, runtimeService.createProcessInstanceQuery()
          .processDefinitionKey(Sop.PROCESS_KEY)
          .variableValueEquals(IncidentVariable.SEVERITY.id(), severity.name())
          .count());
    }
    long executable = managementService.createJobQuery().executable().count();
    long failed = managementService.createJobQuery().noRetriesLeft().count();
    return new Snapshot(now, open, executable, failed);
  }

  record Snapshot(long takenAt, Map<Severity, Long> open, long executableJobs, long failedJobs) {}
}
