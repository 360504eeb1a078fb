package org.incidentresponse.api;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details for every error that Spring MVC meets under {@code /api/**}: Spring's own, as
 * {@link ResponseEntityExceptionHandler} describes them (an unknown path 404, a wrong method 405, an
 * unreadable parameter 400, a controller's {@code ResponseStatusException}, ...), and any other
 * failure: 503 when the database is down, else 500. Other paths (Camunda's webapps, Actuator) keep
 * Spring Boot's error handling: for them the handler rethrows, which hands the exception on as if it
 * did not exist. The intake has its own, earlier advice ({@code IntakeErrors}).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  /** Spring's problem details for its own exceptions (Spring MVC adds the request's path as instance). */
  private final ResponseEntityExceptionHandler spring = new ResponseEntityExceptionHandler() { };

  @ExceptionHandler(Exception.class)
  ResponseEntity<?> handle(Exception e, HttpServletRequest request, WebRequest webRequest) throws Exception {
    if (!Problems.isApi(request)) {
      throw e;
    }
    try {
      return spring.handleException(e, webRequest);
    } catch (Exception handedBack) {
      // Not one of Spring MVC's own exceptions: Spring's handler hands it back, and it is a failure.
      if (handedBack != e) {
        throw handedBack;
      }
    }
    if (Problems.databaseTrouble(e)) {
      log.error("{} {} failed, database unavailable", request.getMethod(), request.getRequestURI(), e);
      return problem(HttpStatus.SERVICE_UNAVAILABLE, "database unavailable; retry later", request);
    }
    log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; retry later", request);
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request) {
    return ResponseEntity.status(status).body(Problems.of(status, detail, request));
  }
}
