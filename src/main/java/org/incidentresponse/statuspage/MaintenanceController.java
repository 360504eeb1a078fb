package org.incidentresponse.statuspage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.api.ApiDocumentation;
import org.incidentresponse.api.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Schedules a maintenance from a script or a change calendar: starts {@code scheduled-maintenance}
 * as Tasklist's start form does. Login is checked by {@code apiFilterChain}; the group here.
 */
@RestController
@Tag(name = "Status page")
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_LOGIN)
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_SESSION)
class MaintenanceController {

  private final ScheduledMaintenance maintenance;
  private final MaintenanceProperties properties;
  private final StatusPageProperties statusPage;

  MaintenanceController(ScheduledMaintenance maintenance, MaintenanceProperties properties,
      StatusPageProperties statusPage) {
    this.maintenance = maintenance;
    this.properties = properties;
    this.statusPage = statusPage;
  }

  /**
   * A maintenance window; times in ISO 8601 with an offset.
   *
   * @param components component ids of the status page
   */
  record MaintenanceRequestBody(String title, String message, List<String> components, String startsAt,
      String endsAt) {}

  /** The started process; the maintenance is on the page once its announcement step has run. */
  record Scheduled(String processInstanceId, String title, List<String> components, Instant startsAt, Instant endsAt,
      String statusPage) {}

  @Operation(summary = "Schedule a maintenance on the status page",
      description = "Announced to the page and its subscribers at once, a reminder an hour before, components under maintenance during the window.")
  @ApiResponse(responseCode = "201", description = "Scheduled",
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Scheduled.class)))
  @ApiResponse(responseCode = "400", description = "Invalid: every problem is listed in `errors`")
  @ApiResponse(responseCode = "403", description = "Not a member of a scheduler group")
  @PostMapping(path = "/api/status-page/maintenances", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<Object> schedule(@RequestBody(required = false) MaintenanceRequestBody body, Authentication user,
      HttpServletRequest request) {
    boolean scheduler = user != null && user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .anyMatch(properties.schedulerGroups()::contains);
    if (!scheduler) {
      return problem(HttpStatus.FORBIDDEN, "scheduling a maintenance needs membership of one of the groups "
          + properties.schedulerGroups(), List.of(), request);
    }
    Map<String, Object> input = new LinkedHashMap<>();
    if (body != null) {
      input.put(ScheduledMaintenance.TITLE, body.title());
      input.put(ScheduledMaintenance.MESSAGE, body.message());
      input.put(ScheduledMaintenance.COMPONENTS, body.components());
      input.put(ScheduledMaintenance.STARTS_AT, body.startsAt());
      input.put(ScheduledMaintenance.ENDS_AT, body.endsAt());
    }
    try {
      ScheduledMaintenance.Request valid = maintenance.validate(input);
      ProcessInstance started = maintenance.schedule(input);
      Scheduled scheduled = new Scheduled(started.getId(), valid.title(), valid.components(), valid.startsAt(),
          valid.endsAt(), statusPage.url().toString());
      return ResponseEntity.created(URI.create(statusPage.url() + "/api/v2/scheduled-maintenances.json")).body(scheduled);
    } catch (ScheduledMaintenance.InvalidMaintenance invalid) {
      return problem(HttpStatus.BAD_REQUEST, "the maintenance was not scheduled: " + invalid.getMessage(),
          invalid.problems(), request);
    }
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String detail, List<String> errors,
      HttpServletRequest request) {
    ProblemDetail problem = Problems.of(status, detail, request);
    if (!errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
