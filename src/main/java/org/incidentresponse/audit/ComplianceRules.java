package org.incidentresponse.audit;

import static org.incidentresponse.sop.IncidentVariable.ACKNOWLEDGED_BY;
import static org.incidentresponse.sop.IncidentVariable.INCIDENT_COMMANDER;
import static org.incidentresponse.sop.IncidentVariable.PROPOSED_SEVERITY;
import static org.incidentresponse.sop.IncidentVariable.REPORTER;
import static org.incidentresponse.sop.IncidentVariable.ROOT_CAUSE;
import static org.incidentresponse.sop.IncidentVariable.SERVICE;
import static org.incidentresponse.sop.IncidentVariable.SEVERITY;
import static org.incidentresponse.sop.IncidentVariable.SOURCE;
import static org.incidentresponse.sop.IncidentVariable.TITLE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.incidentresponse.audit.IncidentReport.Breach;
import org.incidentresponse.audit.IncidentReport.ChecklistItem;
import org.incidentresponse.audit.IncidentReport.Summary;
import org.incidentresponse.followup.FollowUps;
import org.incidentresponse.sop.IncidentVariable;

/**
 * The SOP's rules applied to one incident's history, put together as its report: the
 * {@link Checklist}, the {@link Breaches} and the {@link Timeline}, under a summary. Pure
 * computation; {@code now} stands for the end of an incident that is still open.
 */
public class ComplianceRules {

  private final Breaches breaches;

  public ComplianceRules(Breaches breaches) {
    this.breaches = breaches;
  }

  public IncidentReport report(IncidentHistory h, Instant now) {
    return report(h, now, List.of());
  }

  /** With the follow-ups of the incident's review (org.incidentresponse.followup), as {@link FollowUpFindings} reads them. */
  public IncidentReport report(IncidentHistory h, Instant now, List<FollowUps.FollowUpItem> followUps) {
    KeyTimes times = KeyTimes.of(h);
    List<ChecklistItem> checklist = FollowUpFindings.checklist(Checklist.of(h, times), followUps);
    List<Breach> found = new ArrayList<>(breaches.of(h, times, now));
    found.addAll(FollowUpFindings.breaches(h, times, followUps));
    int done = (int) checklist.stream().filter(ChecklistItem::satisfied).count();
    Summary summary = summary(h, times, done, checklist.size(), found.size());
    return new IncidentReport(summary, Timeline.of(h), checklist, found,
        h.acknowledgements().stream().map(a -> new IncidentReport.SopAcknowledgement(a.userId(), a.version(), a.status(),
            a.acknowledgedAt())).toList(), followUps, FollowUpFindings.status(summary.status(), followUps));
  }

  /** The incident's row of the read model: the summary and what the metrics need, breaches without the time. */
  public IncidentRow row(IncidentHistory h) {
    KeyTimes times = KeyTimes.of(h);
    List<ChecklistItem> checklist = Checklist.of(h, times);
    int done = (int) checklist.stream().filter(ChecklistItem::satisfied).count();
    return new IncidentRow(summary(h, times, done, checklist.size(), 0), h.startTime(), h.processDefinitionId(),
        h.instant(IncidentVariable.REVIEW_DUE_AT), times.reviewDoneAt(), h.instant(IncidentVariable.TARGET_RESOLUTION_AT),
        h.reviewMandatory(), breaches.judge(h, times));
  }

  /** The summary's mitigation is the workaround only: the report shows a resolution as resolved, not mitigated. */
  private static Summary summary(IncidentHistory h, KeyTimes times, int done, int total, int breachCount) {
    return new Summary(h.incidentNumber(), h.string(TITLE), h.string(SERVICE), h.string(SEVERITY),
        h.string(PROPOSED_SEVERITY), h.closed() ? "closed" : "open", h.state(), h.drill(), h.string(REPORTER),
        h.string(SOURCE), times.reportedAt(), times.acknowledgedAt(), h.string(ACKNOWLEDGED_BY), times.workaroundAt(),
        times.resolvedAt(), h.endTime(), h.string(INCIDENT_COMMANDER), h.string(ROOT_CAUSE), h.sopVersion(),
        h.sopVersionTag(), h.processInstanceId(), done, total, breachCount, h.sopVersions());
  }
}
