package org.incidentresponse.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.incidentresponse.api.ApiDocumentation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/incidents: 201 with the new incident's number, or 200 when recorded on an open one (dedup key). */
@RestController
@Tag(name = "Intake")
@SecurityRequirement(name = ApiDocumentation.INTAKE_TOKEN)
public class IncidentReportController {

  private final IntakeService intake;

  public IncidentReportController(IntakeService intake) {
    this.intake = intake;
  }

  @Operation(summary = "Report an incident", description = """
      Opens an incident (201). With the dedupKey of an incident that is still open, records the report \
      on that incident instead (200).""")
  @ApiResponse(responseCode = "201", description = "Opened a new incident", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "200", description = "Recorded on the open incident of the same dedupKey", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "400", description = "Malformed JSON, no title, or an impact or urgency that is not high, medium or low")
  @ApiResponse(responseCode = "413", description = "The body is larger than incident-response.intake.max-body-size")
  @ApiResponse(responseCode = "415", description = "The content type is not application/json")
  @PostMapping("/api/incidents")
  public ResponseEntity<AlertWebhookController.IncidentAction> report(@RequestBody IncidentReport report) {
    IntakeService.Outcome outcome = intake.report(report).incidents().get(0);
    return ResponseEntity.status(outcome.action() == IntakeService.Action.OPENED ? HttpStatus.CREATED : HttpStatus.OK)
        .body(AlertWebhookController.IncidentAction.of(outcome));
  }
}
