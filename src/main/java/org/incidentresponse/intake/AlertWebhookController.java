package org.incidentresponse.intake;

import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Monitoring webhooks. Answers 200 only once the incident or correlation is committed. */
@RestController
public class AlertWebhookController {

  /** {"status":"accepted"|"duplicate","incidents":[{"incidentNumber":"INC-2026-0042","action":"opened"}]} */
  public record Accepted(String status, List<IncidentAction> incidents) {}

  public record IncidentAction(String incidentNumber, String action) {
    static IncidentAction of(IntakeService.Outcome outcome) {
      return new IncidentAction(outcome.incidentNumber(), outcome.action().name().toLowerCase(Locale.ROOT));
    }
  }

  private final IntakeService intake;
  private final AlertMapper mapper;

  public AlertWebhookController(IntakeService intake, AlertMapper mapper) {
    this.intake = intake;
    this.mapper = mapper;
  }

  @PostMapping("/api/alerts/alertmanager")
  public ResponseEntity<Accepted> alertmanager(@RequestBody AlertWebhook webhook) {
    return receive("alertmanager", "4", webhook);
  }

  @PostMapping("/api/alerts/grafana")
  public ResponseEntity<Accepted> grafana(@RequestBody AlertWebhook webhook) {
    return receive("grafana", "1", webhook);
  }

  private ResponseEntity<Accepted> receive(String source, String version, AlertWebhook webhook) {
    mapper.validate(source, version, webhook);
    IntakeService.Result result = intake.receiveAlerts(source, webhook);
    return ResponseEntity.ok(new Accepted(result.duplicate() ? "duplicate" : "accepted",
        result.incidents().stream().map(IncidentAction::of).toList()));
  }
}
