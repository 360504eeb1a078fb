package org.incidentresponse.audit;

import java.time.Instant;

/**
 * Which incidents to list: every field is optional.
 *
 * @param severity SEV1..SEV4, the current severity
 * @param status "open" or "closed"
 * @param service the service name as reported
 * @param from reported at or after
 * @param to reported before
 * @param drill true: drills only; false: real incidents only; null: both
 */
public record IncidentFilter(String severity, String status, String service, Instant from, Instant to, Boolean drill) {

  public static IncidentFilter all() {
    return new IncidentFilter(null, null, null, null, null, null);
  }
}
