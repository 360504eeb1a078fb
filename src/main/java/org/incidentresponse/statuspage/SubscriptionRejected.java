package org.incidentresponse.statuspage;

import org.springframework.http.HttpStatus;

/** A subscription request refused, with what to tell the visitor; nothing was stored. */
class SubscriptionRejected extends RuntimeException {

  private final HttpStatus status;

  SubscriptionRejected(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }
}
