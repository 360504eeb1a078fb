package org.incidentresponse.oncall;

import java.time.Instant;

/** A user covering the team's role from {@code start} to {@code end}, above every layer of the schedule. */
public record ShiftOverride(String id, String team, OnCallRole role, String user, Instant start, Instant end,
    String createdBy, Instant createdAt) {

  Shift shift() {
    return new Shift(user, start, end);
  }
}
