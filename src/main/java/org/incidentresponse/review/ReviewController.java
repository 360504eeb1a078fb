package org.incidentresponse.review;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.incidentresponse.api.ApiDocumentation;
import org.incidentresponse.audit.CamundaIncidentHistory;
import org.incidentresponse.audit.IncidentHistory;
import org.incidentresponse.followup.FollowUps;
import org.incidentresponse.sop.SopActivity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/incidents/{number}/review}: the post-incident review as Markdown (the default) or as
 * an HTML page, by {@code ?format=markdown|html} or else the Accept header. Read only, for the audit's
 * readers ({@code apiFilterChain}, org.incidentresponse.api.ApiSecurity).
 */
@RestController
@Tag(name = "Audit")
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_LOGIN)
@SecurityRequirement(name = ApiDocumentation.CAMUNDA_SESSION)
public class ReviewController {

  public static final String TEXT_MARKDOWN = "text/markdown";
  private static final MediaType MARKDOWN = MediaType.parseMediaType(TEXT_MARKDOWN);

  private final CamundaIncidentHistory history;
  private final FollowUps followUps;

  public ReviewController(CamundaIncidentHistory history, FollowUps followUps) {
    this.history = history;
    this.followUps = followUps;
  }

  @Operation(summary = "One incident's post-incident review, as Markdown or HTML",
      description = "The completed review (summary, impact, trigger, root causes, detection, resolution, timeline, "
          + "lessons learned, action items with where each follow-up stands: status, who closed it, evidence). "
          + "Markdown unless format=html or the Accept header prefers text/html.")
  @ApiResponse(responseCode = "200", description = "The review", content = {
      @Content(mediaType = TEXT_MARKDOWN, schema = @Schema(type = "string")),
      @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"))})
  @ApiResponse(responseCode = "400", description = "A format that is neither markdown nor html")
  @ApiResponse(responseCode = "404", description = "No incident has this number")
  @ApiResponse(responseCode = "409", description = "The incident's review is not done (yet, or at all)")
  @GetMapping(path = "/api/incidents/{number}/review", produces = {TEXT_MARKDOWN, MediaType.TEXT_HTML_VALUE})
  public ResponseEntity<String> review(@PathVariable String number,
      @Parameter(description = "markdown or html; overrides the Accept header") @RequestParam(required = false) String format,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    boolean html = html(format, accept);
    IncidentHistory incident = history.findByNumber(number).map(history::load)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident " + number));
    PostIncidentReview review = PostIncidentReview.of(incident)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT, notDone(incident)));
    if (html) {
      return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
          .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
          .body(ReviewRendering.html(review, followUps.items(number)));
    }
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT_MARKDOWN + ";charset=UTF-8"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + number.replaceAll("[^A-Za-z0-9-]", "_")
            + "-review.md\"")
        .body(ReviewRendering.markdown(review, followUps.items(number)));
  }

  /** Why there is no review to show: still to come, or not part of this incident's path. */
  private static String notDone(IncidentHistory h) {
    boolean open = h.steps().stream().anyMatch(s -> s.is(SopActivity.Task_ConductPostIncidentReview) && s.end() == null);
    if (open) {
      return "The post-incident review of " + h.incidentNumber() + " is not done yet";
    }
    if (h.closed()) {
      return h.incidentNumber() + " was closed without a post-incident review";
    }
    return "The post-incident review of " + h.incidentNumber() + " has not started: the incident is not resolved and reviewed yet";
  }

  private static boolean html(String format, String accept) {
    if (format != null && !format.isBlank()) {
      return switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "markdown", "md" -> false;
        case "html" -> true;
        default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format must be markdown or html");
      };
    }
    if (accept == null || accept.isBlank()) {
      return false;
    }
    try {
      List<MediaType> types = MediaType.parseMediaTypes(accept);
      MimeTypeOrder.sort(types);
      for (MediaType type : types) {
        if (type.isCompatibleWith(MARKDOWN) && !type.isWildcardType()) {
          return false;
        }
        if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType() && !type.isWildcardSubtype()) {
          return true;
        }
      }
    } catch (InvalidMediaTypeException e) {
      return false;
    }
    return false;
  }

  private static final class MimeTypeOrder {
    static void sort(List<MediaType> types) {
      org.springframework.util.MimeTypeUtils.sortBySpecificity(types);
    }
  }
}
