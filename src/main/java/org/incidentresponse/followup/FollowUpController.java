package org.incidentresponse.followup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.incidentresponse.api.ApiDocumentation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/incidents/{number}/follow-ups} and {@code GET /api/incidents/metrics/follow-ups}: read only,
 * for the audit's readers ({@code apiFilterChain}, org.incidentresponse.api.ApiSecurity).
 */
@RestController
@RequestMapping("/api/incidents")
@Tag(name = "Follow-ups", description = "Read only: the action items of post-incident reviews and how they were followed through")
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_LOGIN)
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_SESSION)
public class FollowUpController {

  private static final Instant NO_END = Instant.parse("3000-01-01T00:00:00Z");

  private final FollowUps followUps;
  private final FollowUpMetrics metrics;

  FollowUpController(FollowUps followUps, FollowUpMetrics metrics) {
    this.followUps = followUps;
    this.metrics = metrics;
  }

  @Operation(summary = "An incident's follow-ups: every action item of its review",
      description = "Owner, type, due date, status (open, overdue, done, wont-do; overdue is open past the end of "
          + "its due date, UTC, by the engine's clock), evidence, who closed it and when. Empty before the review.")
  @ApiResponse(responseCode = "200", description = "The follow-ups, in the review's order", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "404", description = "No incident has this number")
  @GetMapping(path = "/{number}/follow-ups", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<FollowUps.FollowUpItem> followUps(@PathVariable String number) {
    return followUps.ofIncident(number)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident " + number));
  }

  @Operation(summary = "Follow-ups done on time, done late, overdue and won't do, and the median days to done",
      description = "Over the follow-ups agreed (reviews completed) in the period, all and per severity and service.")
  @ApiResponse(responseCode = "200", description = "The figures", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "400", description = "A date that is not valid")
  @GetMapping(path = "/metrics/follow-ups", produces = MediaType.APPLICATION_JSON_VALUE)
  public FollowUpMetrics.Answer metrics(
      @Parameter(description = "From this date (2026-11-30, start of day UTC) or ISO instant") @RequestParam(required = false) String from,
      @Parameter(description = "Until this date (inclusive) or ISO instant (exclusive)") @RequestParam(required = false) String to) {
    return metrics.between(moment(from, "from", false, Instant.EPOCH), moment(to, "to", true, NO_END));
  }

  private static Instant moment(String text, String name, boolean endOfDay, Instant otherwise) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    try {
      if (text.strip().length() == 10) {
        LocalDate date = LocalDate.parse(text.strip());
        return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(text.strip());
    } catch (DateTimeException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          name + " must be a date (2026-11-30) or an ISO instant (2026-11-30T10:00:00Z)");
    }
  }
}
