package org.incidentresponse.audit;

import java.time.Instant;
import org.incidentresponse.audit.IncidentReport.Summary;

/**
 * One incident's row of the read model ({@link IncidentReadModel}): what the list, its filters and the
 * metrics need, computed from the history by the audit's own rules ({@link ComplianceRules#row}). The
 * breaches are kept without the time ({@link Breaches.Judgement}), so a row stays right as the clock
 * passes a deadline with nothing written.
 *
 * @param summary the report's summary; its {@code breachCount} is only right {@link #at} a time
 * @param startedAt the start of the process: the list's order and period
 * @param reviewDueAt {@code reviewDueAt} as the SOP set it
 * @param reviewDoneAt the completion of the post-incident review
 * @param targetResolutionAt {@code targetResolutionAt} as the SOP set it
 */
public record IncidentRow(Summary summary, Instant startedAt, String processDefinitionId, Instant reviewDueAt,
    Instant reviewDoneAt, Instant targetResolutionAt, boolean reviewMandatory, Breaches.Judgement judgement) {

  /** The summary as the report gives it at {@code now}. */
  public Summary at(Instant now) {
    Summary s = summary;
    return new Summary(s.number(), s.title(), s.service(), s.severity(), s.proposedSeverity(), s.status(), s.state(),
        s.drill(), s.reporter(), s.source(), s.reportedAt(), s.acknowledgedAt(), s.acknowledgedBy(), s.mitigatedAt(),
        s.resolvedAt(), s.closedAt(), s.incidentCommander(), s.rootCause(), s.sopVersion(), s.sopVersionTag(),
        s.processInstanceId(), s.checklistDone(), s.checklistTotal(), judgement.at(now).size(), s.sopVersions());
  }

  /** The key times, as {@link KeyTimes#of} reads them from the history. */
  public KeyTimes times() {
    return new KeyTimes(summary.reportedAt(), summary.acknowledgedAt(), summary.mitigatedAt(), summary.resolvedAt(),
        reviewDoneAt);
  }
}
