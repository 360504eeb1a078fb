package org.incidentresponse.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.incidentresponse.api.ApiDocumentation;
import org.incidentresponse.sop.IncidentVariables;
import org.incidentresponse.sop.Severity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The audit over REST, read only: the incident list, one incident's report (JSON, Markdown or HTML),
 * and the metrics. Who may call it is checked by {@code apiFilterChain} (org.incidentresponse.api.ApiSecurity).
 */
@RestController
@RequestMapping("/api/incidents")
@Tag(name = "Audit", description = "Read only: incidents, their reports and the response-time metrics")
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_LOGIN)
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_SESSION)
public class IncidentAuditController {

  public static final String TEXT_MARKDOWN = "text/markdown";

  private final IncidentAudit audit;

  public IncidentAuditController(IncidentAudit audit) {
    this.audit = audit;
  }

  @Operation(summary = "Incidents, newest first, filtered and paged")
  @ApiResponse(responseCode = "200", description = "One page of incidents", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "400", description = "A filter value that is not valid")
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public IncidentAudit.Page list(
      @RequestParam(required = false) String severity,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) Boolean drill,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    if (severity != null && !severity.isBlank() && Severity.parse(severity).isEmpty()) {
      throw new BadRequest("severity must be one of " + Severity.allowed());
    }
    if (status != null && !status.isBlank() && !Set.of("open", "closed").contains(status)) {
      throw new BadRequest("status must be open or closed");
    }
    IncidentFilter filter = new IncidentFilter(blankToNull(severity), blankToNull(status), blankToNull(service),
        start(from, "from"), end(to, "to"), drill);
    return audit.list(filter, page, size);
  }

  @Operation(summary = "Response times per severity over a period, drills excluded")
  @ApiResponse(responseCode = "200", description = "The metrics", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "400", description = "A date that is not valid")
  @GetMapping(path = "/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
  public AuditMetrics metrics(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    return audit.metrics(start(from, "from"), end(to, "to"));
  }

  @Operation(summary = "One incident's report: timeline, SOP checklist and breaches",
      description = "As JSON, as Markdown (a download) or as an HTML page, as the Accept header asks.")
  @ApiResponse(responseCode = "200", description = "The report", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "404", description = "No incident has this number")
  @GetMapping(path = "/{number}/report", produces = MediaType.APPLICATION_JSON_VALUE)
  public IncidentReport report(@PathVariable String number) {
    return find(number);
  }

  @GetMapping(path = "/{number}/report", produces = TEXT_MARKDOWN)
  public ResponseEntity<String> markdown(@PathVariable String number) {
    IncidentReport report = find(number);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(TEXT_MARKDOWN + ";charset=UTF-8"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + safeFileName(number) + "-report.md\"")
        .body(ReportRendering.markdown(report));
  }

  @GetMapping(path = "/{number}/report", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> html(@PathVariable String number) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .body(ReportRendering.html(find(number)));
  }

  private IncidentReport find(String number) {
    return audit.report(number).orElseThrow(() -> new NotFound("No incident " + number));
  }

  private static String safeFileName(String number) {
    return number.replaceAll("[^A-Za-z0-9-]", "_");
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  /** An ISO instant, or a date meaning the start of that day (UTC). */
  static Instant start(String text, String name) {
    return parse(text, name, false);
  }

  /** An ISO instant, or a date meaning the end of that day (UTC), exclusive. */
  static Instant end(String text, String name) {
    return parse(text, name, true);
  }

  private static Instant parse(String text, String name, boolean endOfDay) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      if (text.length() == 10) {
        LocalDate date = LocalDate.parse(text);
        return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      Instant instant = IncidentVariables.instant(text);
      if (instant == null) {
        instant = Instant.parse(text);
      }
      return instant;
    } catch (DateTimeParseException e) {
      throw new BadRequest(name + " must be a date (2026-11-30) or an ISO date-time (2026-11-30T10:00Z)");
    }
  }

  /** 400 as a problem detail (org.incidentresponse.api.ApiErrors), with the message as its detail. */
  static class BadRequest extends ResponseStatusException {
    BadRequest(String message) {
      super(HttpStatus.BAD_REQUEST, message);
    }
  }

  /** 404 as a problem detail, with the message as its detail. */
  static class NotFound extends ResponseStatusException {
    NotFound(String message) {
      super(HttpStatus.NOT_FOUND, message);
    }
  }
}
