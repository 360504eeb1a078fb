package org.incidentresponse.oncall;

import java.time.Instant;

/** One person on call from {@code start} (inclusive) to {@code end} (exclusive). */
public record Shift(String user, Instant start, Instant end) {

  public boolean covers(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  Shift clip(Instant from, Instant to) {
    return new Shift(user, start.isBefore(from) ? from : start, end.isAfter(to) ? to : end);
  }

  boolean isEmpty() {
    return !start.isBefore(end);
  }
}
