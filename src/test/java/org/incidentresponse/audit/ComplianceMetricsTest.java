package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;
import static org.incidentresponse.audit.HistoryBuilder.T0;
import static org.incidentresponse.audit.HistoryBuilder.compliantSev1;
import static org.incidentresponse.audit.HistoryBuilder.incident;
import static org.incidentresponse.audit.HistoryBuilder.minute;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import org.incidentresponse.audit.AuditMetrics.Reviews;
import org.incidentresponse.audit.AuditMetrics.SeverityMetrics;
import org.incidentresponse.audit.AuditMetrics.Stat;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.SopActivity;
import org.junit.jupiter.api.Test;

/** Response times, breaches and reviews over a period's incidents, drills left out. */
class ComplianceMetricsTest {

  static final ComplianceMetrics METRICS = new ComplianceMetrics(new Breaches(Duration.ofMinutes(5)));
  static final Instant FROM = T0.minus(Duration.ofDays(1));
  static final Instant TO = T0.plus(Duration.ofDays(30));
  static final Instant NOW = TO;

  /** Acknowledged after 7 minutes (timeout 5), resolved after 127 without workaround, past its target. */
  static HistoryBuilder lateSev1() {
    return compliantSev1().without(SopActivity.Task_ApplyWorkaround).set(IncidentVariable.WORKAROUND_NEEDED, false)
        .set(IncidentVariable.ACKNOWLEDGED_AT, Date.from(minute(7)))
        .without(SopActivity.Task_ResolveIncident)
        .userTask(SopActivity.Task_ResolveIncident, minute(30), minute(127), "responder");
  }

  static SeverityMetrics group(AuditMetrics metrics, String severity) {
    return metrics.bySeverity().stream().filter(m -> m.severity().equals(severity)).findFirst().orElseThrow();
  }

  @Test
  void drillsAreCountedThenLeftOutOfEveryNumber() {
    AuditMetrics metrics = METRICS.of(FROM, TO, List.of(compliantSev1().build(), lateSev1().drill().build()), NOW);
    assertThat(metrics.from()).isEqualTo(FROM);
    assertThat(metrics.to()).isEqualTo(TO);
    assertThat(metrics.incidents()).isEqualTo(1);
    assertThat(metrics.drillsExcluded()).isEqualTo(1);
    assertThat(metrics.incidentsWithBreaches()).isZero();
    assertThat(metrics.breaches()).isEmpty();
    assertThat(group(metrics, "SEV1").acknowledge().count()).isEqualTo(1);
  }

  @Test
  void onlyDrillsGiveNoGroups() {
    AuditMetrics metrics = METRICS.of(FROM, TO, List.of(compliantSev1().drill().build()), NOW);
    assertThat(metrics.incidents()).isZero();
    assertThat(metrics.bySeverity()).isEmpty();
    assertThat(metrics.reviews()).isEqualTo(new Reviews(0, 0, 0, 0));
  }

  @Test
  void groupsFollowTheSeveritiesThenUnknownThenAll() {
    AuditMetrics metrics = METRICS.of(FROM, TO, List.of(
        compliantSev1().set(IncidentVariable.SEVERITY, "SEV3").build(),
        incident().build(),
        compliantSev1().build(),
        compliantSev1().set(IncidentVariable.SEVERITY, "SEV9").build(),
        compliantSev1().build()), NOW);
    assertThat(metrics.bySeverity()).extracting(SeverityMetrics::severity, SeverityMetrics::incidents)
        .containsExactly(tuple("SEV1", 2), tuple("SEV3", 1),
            tuple("unknown", 2), tuple("all", 5));
    assertThat(group(metrics, "unknown").closed()).isEqualTo(1);
  }

  @Test
  void responseTimesInMinutesFromTheReport() {
    AuditMetrics metrics = METRICS.of(FROM, TO, List.of(compliantSev1().build(), lateSev1().build()), NOW);
    SeverityMetrics sev1 = group(metrics, "SEV1");
    assertThat(sev1.acknowledge()).isEqualTo(new Stat(2, 3.5, 0.0, 7.0, 7.0));
    // mitigated by the workaround after 30, by the resolution after 127 where there was none
    assertThat(sev1.mitigate()).isEqualTo(new Stat(2, 78.5, 30.0, 127.0, 127.0));
    assertThat(sev1.resolve()).isEqualTo(new Stat(2, 88.5, 50.0, 127.0, 127.0));
    assertThat(sev1.closed()).isEqualTo(2);
    assertThat(group(metrics, "all")).isEqualTo(new SeverityMetrics("all", 2, 2, sev1.acknowledge(), sev1.mitigate(),
        sev1.resolve(), 1, 3, new Reviews(2, 2, 0, 0)));
  }

  @Test
  void milestonesNotReachedAreLeftOutOfTheirStat() {
    AuditMetrics metrics = METRICS.of(FROM, TO, List.of(
        incident().set(IncidentVariable.SEVERITY, "SEV2").userTask(SopActivity.Task_TriageIncident, T0, minute(4), "r")
            .build()), NOW);
    SeverityMetrics sev2 = group(metrics, "SEV2");
    assertThat(sev2.acknowledge()).isEqualTo(new Stat(1, 4.0, 4.0, 4.0, 4.0));
    assertThat(sev2.resolve()).isEqualTo(new Stat(0, null, null, null, null));
    assertThat(sev2.closed()).isZero();
  }

  @Test
  void breachesCountedByKindAndByIncident() {
    AuditMetrics metrics = METRICS.of(FROM, TO, List.of(compliantSev1().build(), lateSev1().build(),
        lateSev1().build()), NOW);
    assertThat(metrics.incidentsWithBreaches()).isEqualTo(2);
    assertThat(metrics.breaches()).containsExactly(entry("acknowledgement-late", 2),
        entry("target-resolution-missed", 2), entry("update-gap", 2));
    assertThat(group(metrics, "SEV1").breaches()).isEqualTo(6);
    assertThat(group(metrics, "SEV1").incidentsWithBreaches()).isEqualTo(2);
  }

  @Test
  void reviewsOnTimeLateAndSkipped() {
    Instant due = minute(50).plus(Duration.ofDays(3));
    AuditMetrics metrics = METRICS.of(FROM, TO, List.of(
        compliantSev1().build(),
        compliantSev1().set(IncidentVariable.REVIEW_DUE_AT, Date.from(minute(60))).build(),
        compliantSev1().remove(IncidentVariable.REVIEW_DUE_AT).build(),
        compliantSev1().without(SopActivity.Task_ConductPostIncidentReview).build(),
        // still open: not skipped yet
        compliantSev1().without(SopActivity.Task_ConductPostIncidentReview).open().build(),
        // optional and not held: not skipped
        compliantSev1().without(SopActivity.Task_ConductPostIncidentReview)
            .set(IncidentVariable.REVIEW_POLICY, "optional").build()), due);
    assertThat(metrics.reviews()).isEqualTo(new Reviews(3, 2, 1, 1));
  }

  @Test
  void percentilesAreNearestRank() {
    double[] oneToTen = IntStream.rangeClosed(1, 10).asDoubleStream().toArray();
    assertThat(ComplianceMetrics.percentile(oneToTen, 50)).isEqualTo(5.0);
    assertThat(ComplianceMetrics.percentile(oneToTen, 90)).isEqualTo(9.0);
    assertThat(ComplianceMetrics.percentile(oneToTen, 95)).isEqualTo(10.0);
    assertThat(ComplianceMetrics.percentile(new double[] {0.0, 7.0}, 50)).isEqualTo(0.0);
    assertThat(ComplianceMetrics.percentile(new double[] {42.0}, 95)).isEqualTo(42.0);
  }
}
