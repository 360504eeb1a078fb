package org.incidentresponse.outbound;

import java.time.Instant;

/**
 * A delivery attempt that failed, saying what the engine should do with the job: retry on its
 * back-off, retry no earlier than {@code retryAt} (a 429's Retry-After), or stop at once (a 4xx
 * other than 429: the request will not get better). The message names the channel, the status and
 * the start of the answer, never the URL: it is the Cockpit incident's message.
 */
public class DeliveryFailed extends RuntimeException {

  private final boolean retryable;
  private final transient Instant retryAt;

  private DeliveryFailed(String message, boolean retryable, Instant retryAt) {
    super(message, null, false, false);
    this.retryable = retryable;
    this.retryAt = retryAt;
  }

  static DeliveryFailed retry(String message) {
    return new DeliveryFailed(message, true, null);
  }

  static DeliveryFailed retryAt(String message, Instant retryAt) {
    return new DeliveryFailed(message, true, retryAt);
  }

  static DeliveryFailed rejected(String message) {
    return new DeliveryFailed(message, false, null);
  }

  public boolean retryable() {
    return retryable;
  }

  /** Null unless the receiver said when to come back. */
  public Instant retryAt() {
    return retryAt;
  }
}
