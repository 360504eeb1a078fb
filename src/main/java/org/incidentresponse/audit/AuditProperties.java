package org.incidentresponse.audit;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code incident-response.audit.*}.
 *
 * @param updateTolerance slack on top of the update cadence before a gap between stakeholder updates is a breach
 * @param readerGroups groups whose members may read the audit endpoints
 * @param maxPageSize the largest page the incident list answers
 * @param backfillBatch incidents read from the history per page when the read model is filled at start
 */
@ConfigurationProperties("incident-response.audit")
public record AuditProperties(Duration updateTolerance, List<String> readerGroups, Integer maxPageSize,
    Integer backfillBatch) {

  public AuditProperties {
    updateTolerance = updateTolerance == null ? Duration.ofMinutes(5) : updateTolerance;
    readerGroups = readerGroups == null || readerGroups.isEmpty()
        ? List.of("auditors", "incident-commanders", "process-owners", "camunda-admin") : List.copyOf(readerGroups);
    maxPageSize = maxPageSize == null ? 100 : maxPageSize;
    backfillBatch = backfillBatch == null ? 200 : backfillBatch;
  }
}
