package org.incidentresponse.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.statuspage.ScheduledMaintenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The quick start's scheduled maintenance: communications (user {@code comms}) schedule a Billing
 * upgrade tomorrow 22:00–24:00 UTC, so the status page shows an upcoming maintenance and Tasklist
 * its process. Seeded with the demo incidents ({@code incident-response.demo.incidents}), once.
 */
@Component
@Profile("demo")
class DemoMaintenance {

  private static final Logger log = LoggerFactory.getLogger(DemoMaintenance.class);

  private final DemoProperties properties;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final IdentityService identityService;

  DemoMaintenance(DemoProperties properties, RuntimeService runtimeService, HistoryService historyService,
      IdentityService identityService) {
    this.properties = properties;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.identityService = identityService;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onReady() {
    if (!properties.incidents() || historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(ScheduledMaintenance.PROCESS_KEY).count() > 0) {
      return;
    }
    LocalDate tomorrow = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC).plusDays(1);
    Instant start = tomorrow.atTime(22, 0).toInstant(ZoneOffset.UTC);
    // With comms's groups: communications holds the grants to start maintenance, the user alone none.
    try {
      DemoLogin.as(identityService, "comms", () -> runtimeService.startProcessInstanceByKey(
          ScheduledMaintenance.PROCESS_KEY, Map.of(
          ScheduledMaintenance.TITLE, "Billing database upgrade",
          ScheduledMaintenance.MESSAGE, "We are upgrading the database behind Billing. Invoices and payment "
              + "methods may be unavailable for a few minutes during the window; orders are not affected.",
          ScheduledMaintenance.COMPONENTS, "billing",
          ScheduledMaintenance.STARTS_AT, start.toString(),
          ScheduledMaintenance.ENDS_AT, start.plusSeconds(2 * 3600).toString())));
      log.info("Demo maintenance of Billing scheduled for {}", start);
    } catch (RuntimeException e) {
      log.warn("Demo maintenance not scheduled: {}", e.toString());
    }
  }
}
