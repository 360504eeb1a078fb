package org.incidentresponse.intake;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/incidents: 201 with the new incident's number, or 200 when recorded on an open one (dedup key). */
@RestController
public class IncidentReportController {

  private final IntakeService intake;

  public IncidentReportController(IntakeService intake) {
    this.intake = intake;
  }

  @PostMapping("/api/incidents")
  public ResponseEntity<AlertWebhookController.IncidentAction> report(@RequestBody IncidentReport report) {
    IntakeService.Outcome outcome = intake.report(report).incidents().get(0);
    return ResponseEntity.status(outcome.action() == IntakeService.Action.OPENED ? HttpStatus.CREATED : HttpStatus.OK)
        .body(AlertWebhookController.IncidentAction.of(outcome));
  }
}
