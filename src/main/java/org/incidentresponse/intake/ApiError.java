package org.incidentresponse.intake;

import org.springframework.http.HttpStatus;

/** The JSON error body of every intake rejection: {@code {"status":400,"error":"Bad Request","message":...}}. */
public record ApiError(int status, String error, String message) {

  public static ApiError of(HttpStatus status, String message) {
    return new ApiError(status.value(), status.getReasonPhrase(), message);
  }
}
