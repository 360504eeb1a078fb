package org.incidentresponse.statuspage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.incidentresponse.api.ApiDocumentation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The status page's subscribers, personal data, for communications and admins
 * ({@code incident-response.status-page.subscriber-readers}): as JSON, or as CSV for a spreadsheet.
 * Login is checked by {@code apiFilterChain}; the group here.
 */
@RestController
@RequestMapping("/api/status-page/subscribers")
@Tag(name = "Status page", description = "The public status page's subscribers (personal data)")
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_LOGIN)
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_SESSION)
class SubscriberExportController {

  static final String TEXT_CSV = "text/csv";

  private final Subscriptions subscriptions;
  private final StatusPageProperties properties;

  SubscriberExportController(Subscriptions subscriptions, StatusPageProperties properties) {
    this.subscriptions = subscriptions;
    this.properties = properties;
  }

  /**
   * One subscriber.
   *
   * @param components the chosen component ids; empty for all
   * @param confirmedAt null while the address is not confirmed
   */
  record SubscriberRow(String email, List<String> components, Instant subscribedAt, Instant confirmedAt) {}

  @Operation(summary = "Every subscriber, oldest first",
      description = "As JSON, or as CSV (a download) when the Accept header asks for text/csv.")
  @ApiResponse(responseCode = "200", description = "The subscribers", useReturnTypeSchema = true)
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  List<SubscriberRow> list(Authentication user) {
    return rows(user);
  }

  @GetMapping(produces = TEXT_CSV)
  ResponseEntity<String> csv(Authentication user) {
    StringBuilder csv = new StringBuilder("email,components,subscribed_at,confirmed_at\r\n");
    for (SubscriberRow row : rows(user)) {
      csv.append(cell(row.email())).append(',').append(cell(String.join(" ", row.components()))).append(',')
          .append(row.subscribedAt()).append(',').append(row.confirmedAt() == null ? "" : row.confirmedAt()).append("\r\n");
    }
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT_CSV + ";charset=UTF-8"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"status-page-subscribers.csv\"")
        .body(csv.toString());
  }

  private List<SubscriberRow> rows(Authentication user) {
    boolean reader = user != null && user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .anyMatch(properties.subscriberReaders()::contains);
    if (!reader) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "the subscribers are readable by the groups " + properties.subscriberReaders() + " only");
    }
    return subscriptions.all().stream()
        .map(s -> new SubscriberRow(s.email(), s.components(), s.createdAt(), s.confirmedAt())).toList();
  }

  /** RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
  private static String cell(String value) {
    String safe = value.matches("^[=+\\-@\\t\\r].*") ? "'" + value : value;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }
}
