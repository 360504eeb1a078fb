package org.incidentresponse.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * JSON errors of the intake endpoints. Nothing is created on any of them: validation happens before
 * the transaction, and a failing transaction rolls back. Database trouble is 503 so that
 * Alertmanager retries the notification.
 */
@RestControllerAdvice(assignableTypes = {AlertWebhookController.class, IncidentReportController.class})
public class IntakeErrors {

  private static final Logger log = LoggerFactory.getLogger(IntakeErrors.class);

  @ExceptionHandler(IntakeRejected.class)
  ResponseEntity<ApiError> rejected(IntakeRejected e, HttpServletRequest request) {
    return reject(request, e.status(), e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    Throwable cause = e.getMostSpecificCause();
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse("");
    if (detail.length() > 200) {
      detail = detail.substring(0, 200) + "…";
    }
    return reject(request, HttpStatus.BAD_REQUEST, "malformed JSON: " + detail);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return reject(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content type must be application/json");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> failed(Exception e, HttpServletRequest request) {
    if (databaseTrouble(e)) {
      log.error("Intake {} failed, database unavailable; nothing was committed", request.getRequestURI(), e);
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ApiError.of(HttpStatus.SERVICE_UNAVAILABLE,
          "database unavailable, nothing was recorded; retry later"));
    }
    log.error("Intake {} failed; nothing was committed", request.getRequestURI(), e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR,
        "internal error, nothing was recorded; retry later"));
  }

  static boolean databaseTrouble(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException || t instanceof DataAccessException || t instanceof TransactionException
          || t instanceof PersistenceException) {
        return true;
      }
    }
    return false;
  }

  private static ResponseEntity<ApiError> reject(HttpServletRequest request, HttpStatus status, String message) {
    log.warn("Intake rejected {} {} from {}: {} {}", request.getMethod(), request.getRequestURI(),
        request.getRemoteAddr(), status.value(), message);
    return ResponseEntity.status(status).body(ApiError.of(status, message));
  }
}
