package org.incidentresponse.intake;

import org.springframework.http.HttpStatus;

/** A request the intake refuses before anything is created; becomes a problem detail ({@link IntakeErrors}). */
public class IntakeRejected extends RuntimeException {

  private final HttpStatus status;

  public IntakeRejected(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  public static IntakeRejected badRequest(String message) {
    return new IntakeRejected(HttpStatus.BAD_REQUEST, message);
  }

  public HttpStatus status() {
    return status;
  }
}
