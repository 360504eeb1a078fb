package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentresponse.audit.HistoryBuilder.T0;
import static org.incidentresponse.audit.HistoryBuilder.incident;
import static org.incidentresponse.audit.HistoryBuilder.minute;

import java.util.Date;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.SopActivity;
import org.junit.jupiter.api.Test;

/** The moments the audit measures an incident by, read from a history built by hand. */
class KeyTimesTest {

  @Test
  void reportedAtIsTheRecordedReportTimeElseTheStartOfTheProcess() {
    // Monitoring saw the problem three minutes before the incident was opened.
    assertThat(KeyTimes.of(incident().set(IncidentVariable.REPORTED_AT, Date.from(minute(-3))).build()).reportedAt())
        .isEqualTo(minute(-3));
    assertThat(KeyTimes.of(incident().set(IncidentVariable.REPORTED_AT, "2027-03-01T09:58:00Z").build()).reportedAt())
        .isEqualTo(minute(-2));
    assertThat(KeyTimes.of(incident().build()).reportedAt()).isEqualTo(T0);
  }

  @Test
  void acknowledgedAtIsTheRecordedFirstClaim() {
    HistoryBuilder incident = incident()
        .operation(minute(2), "responder", "Claim", SopActivity.Task_TriageIncident)
        .userTask(SopActivity.Task_TriageIncident, T0, minute(6), "responder")
        .set(IncidentVariable.ACKNOWLEDGED_AT, Date.from(minute(1)));
    assertThat(KeyTimes.of(incident.build()).acknowledgedAt()).isEqualTo(minute(1));
  }

  @Test
  void withoutTheRecordItIsTheFirstClaimOrAssignmentOfTheTriageTask() {
    HistoryBuilder incident = incident()
        .operation(minute(1), "commander", "Claim", SopActivity.Task_ClassifyIncident)
        .operation(minute(2), "commander", "SetPriority", SopActivity.Task_TriageIncident)
        .operation(minute(3), "commander", "Assign", SopActivity.Task_TriageIncident)
        .operation(minute(4), "responder", "Claim", SopActivity.Task_TriageIncident)
        .userTask(SopActivity.Task_TriageIncident, T0, minute(6), "responder");
    assertThat(KeyTimes.of(incident.build()).acknowledgedAt()).isEqualTo(minute(3));
  }

  @Test
  void withoutClaimItIsTheCompletionOfTheTriageTaskAndOtherwiseNotYet() {
    assertThat(KeyTimes.of(incident().userTask(SopActivity.Task_TriageIncident, T0, minute(6), "responder").build())
        .acknowledgedAt()).isEqualTo(minute(6));
    assertThat(KeyTimes.of(incident().openTask(SopActivity.Task_TriageIncident, T0, null).build()).acknowledgedAt())
        .isNull();
  }

  @Test
  void mitigatedAtIsTheWorkaroundElseTheResolution() {
    KeyTimes withWorkaround = KeyTimes.of(incident()
        .userTask(SopActivity.Task_ApplyWorkaround, minute(5), minute(20), "responder")
        .userTask(SopActivity.Task_ResolveIncident, minute(5), minute(60), "responder").build());
    assertThat(withWorkaround.workaroundAt()).isEqualTo(minute(20));
    assertThat(withWorkaround.mitigatedAt()).isEqualTo(minute(20));
    assertThat(withWorkaround.resolvedAt()).isEqualTo(minute(60));

    // A workaround cancelled by the resolution was never applied.
    KeyTimes cancelled = KeyTimes.of(incident()
        .cancelledTask(SopActivity.Task_ApplyWorkaround, minute(5), minute(60), "responder")
        .userTask(SopActivity.Task_ResolveIncident, minute(5), minute(60), "responder").build());
    assertThat(cancelled.workaroundAt()).isNull();
    assertThat(cancelled.mitigatedAt()).isEqualTo(minute(60));

    KeyTimes open = KeyTimes.of(incident().openTask(SopActivity.Task_ResolveIncident, minute(5), "responder").build());
    assertThat(open.mitigatedAt()).isNull();
    assertThat(open.resolvedAt()).isNull();
  }

  @Test
  void reviewDoneAtIsTheLastCompletedReview() {
    KeyTimes reviewed = KeyTimes.of(incident()
        .cancelledTask(SopActivity.Task_ConductPostIncidentReview, minute(60), minute(70), "commander")
        .userTask(SopActivity.Task_ConductPostIncidentReview, minute(70), minute(900), "commander").build());
    assertThat(reviewed.reviewDoneAt()).isEqualTo(minute(900));
    assertThat(KeyTimes.of(incident()
        .cancelledTask(SopActivity.Task_ConductPostIncidentReview, minute(60), minute(70), "commander").build())
        .reviewDoneAt()).isNull();
  }
}
