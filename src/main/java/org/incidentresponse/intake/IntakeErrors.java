package org.incidentresponse.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.incidentresponse.api.Problems;
import org.incidentresponse.operations.OperationsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The errors of the intake endpoints, as problem details. Nothing is created on any of them:
 * validation happens before the transaction, and a failing transaction rolls back. Database trouble
 * is 503 so that Alertmanager retries the notification. Every refusal (4xx) is logged and counted as
 * {@code incident_response_alerts_rejected_total}, here and in the token check ({@link IntakeSecurity}).
 */
@RestControllerAdvice(assignableTypes = {AlertWebhookController.class, IncidentReportController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class IntakeErrors extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(IntakeErrors.class);

  private final OperationsMetrics metrics;

  public IntakeErrors(OperationsMetrics metrics) {
    this.metrics = metrics;
  }

  @ExceptionHandler(IntakeRejected.class)
  ResponseEntity<ProblemDetail> rejected(IntakeRejected e, HttpServletRequest request) {
    refused(request, e.status(), e.getMessage());
    return ResponseEntity.status(e.status()).body(Problems.of(e.status(), e.getMessage(), request));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    Throwable cause = e.getMostSpecificCause();
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
        : cause.getMessage().lines().findFirst().orElse("");
    if (detail.length() > 200) {
      detail = detail.substring(0, 200) + "…";
    }
    return handleExceptionInternal(e, ProblemDetail.forStatusAndDetail(status, "malformed JSON: " + detail),
        headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String given = e.getContentType() == null ? "none" : e.getContentType().toString();
    return handleExceptionInternal(e, ProblemDetail.forStatusAndDetail(status,
        "content type must be application/json, not '%s'".formatted(given)), headers, status, request);
  }

  /** Every problem that Spring's handler builds passes here: a refusal is logged and counted. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
    if (status.is4xxClientError() && response != null && response.getBody() instanceof ProblemDetail problem) {
      refused(((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class), status, problem.getDetail());
    }
    return response;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> failed(Exception e, HttpServletRequest request) {
    if (Problems.databaseTrouble(e)) {
      log.error("Intake {} failed, database unavailable; nothing was committed", request.getRequestURI(), e);
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
          "database unavailable, nothing was recorded; retry later", request));
    }
    log.error("Intake {} failed; nothing was committed", request.getRequestURI(), e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
        "internal error, nothing was recorded; retry later", request));
  }

  /** A request the intake refused as the sender's fault: logged, and counted as received and rejected. */
  void refused(HttpServletRequest request, HttpStatusCode status, String detail) {
    log.warn("Intake rejected {} {} from {}: {} {}", request.getMethod(), request.getRequestURI(),
        request.getRemoteAddr(), status.value(), detail);
    source(request).ifPresent(source -> {
      metrics.alertReceived(source);
      metrics.alertRejected(source);
    });
  }

  /**
   * The source tag of an intake request: alertmanager, grafana or api. Empty for an unknown alert
   * source, so that nobody can add series to the metrics by inventing paths.
   */
  static Optional<String> source(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return switch (path) {
      case "/api/alerts/alertmanager" -> Optional.of("alertmanager");
      case "/api/alerts/grafana" -> Optional.of("grafana");
      case "/api/incidents" -> Optional.of("api");
      default -> Optional.empty();
    };
  }
}
