package org.incidentresponse.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.incidentresponse.api.ApiDocumentation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Monitoring webhooks. Answers 200 only once the incident or correlation is committed. */
@RestController
@Tag(name = "Intake", description = "Monitoring and scripts open incidents")
@SecurityRequirement(name = ApiDocumentation.INTAKE_TOKEN)
@ApiResponse(responseCode = "400", description = "Malformed JSON, a missing field or an unsupported payload version")
@ApiResponse(responseCode = "413", description = "The body is larger than incident-response.intake.max-body-size")
@ApiResponse(responseCode = "415", description = "The content type is not application/json")
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

  @Operation(summary = "A Prometheus Alertmanager webhook (version 4)", description = """
      Opens one incident per alert group, or records the alerts on the group's open incident; a repeated \
      delivery of the same notification has no effect (status "duplicate").""")
  @ApiResponse(responseCode = "200", description = "Recorded (accepted), or a repeated delivery (duplicate)", useReturnTypeSchema = true)
  @PostMapping("/api/alerts/alertmanager")
  public ResponseEntity<Accepted> alertmanager(@RequestBody AlertWebhook webhook) {
    return receive("alertmanager", "4", webhook);
  }

  @Operation(summary = "A Grafana alerting webhook (version 1)",
      description = "As the Alertmanager webhook, with Grafana's title, message and dashboard links.")
  @ApiResponse(responseCode = "200", description = "Recorded (accepted), or a repeated delivery (duplicate)", useReturnTypeSchema = true)
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
