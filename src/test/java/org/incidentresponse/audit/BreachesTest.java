package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentresponse.audit.HistoryBuilder.T0;
import static org.incidentresponse.audit.HistoryBuilder.compliantSev1;
import static org.incidentresponse.audit.HistoryBuilder.incident;
import static org.incidentresponse.audit.HistoryBuilder.minute;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.incidentresponse.audit.IncidentReport.Breach;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.NotificationTemplate;
import org.incidentresponse.sop.SopActivity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each kind of breach at its boundary: on time is no breach, a minute late is one. Open incidents
 * are judged up to now, closed ones up to their end. The update tolerance is five minutes.
 */
class BreachesTest {

  static final Breaches BREACHES = new Breaches(Duration.ofMinutes(5));
  /** Long after every incident here, so that "now" never decides for a closed one. */
  static final Instant MUCH_LATER = minute(60 * 24 * 30);

  static List<Breach> breaches(HistoryBuilder incident, Instant now) {
    IncidentHistory h = incident.build();
    return BREACHES.of(h, KeyTimes.of(h), now);
  }

  @Test
  void anIncidentHandledByTheBookHasNone() {
    assertThat(breaches(compliantSev1(), MUCH_LATER)).isEmpty();
  }

  @Test
  void everyKindIsReportedInTheOrderOfTheSop() {
    HistoryBuilder late = compliantSev1()
        .set(IncidentVariable.ACKNOWLEDGED_AT, Date.from(minute(6)))
        .without(SopActivity.Task_ResolveIncident)
        .userTask(SopActivity.Task_ResolveIncident, minute(30), minute(180), "responder")
        .set(IncidentVariable.REVIEW_DUE_AT, Date.from(minute(500)));
    assertThat(breaches(late, MUCH_LATER)).extracting(Breach::kind)
        .containsExactly("acknowledgement-late", "update-gap", "target-resolution-missed", "review-late");
  }

  @Nested
  class Acknowledgement {

    HistoryBuilder reported() {
      return incident().change(T0, IncidentVariable.ACK_TIMEOUT, "PT5M");
    }

    @Test
    void exactlyAtTheTimeoutIsOnTime() {
      assertThat(breaches(reported().set(IncidentVariable.ACKNOWLEDGED_AT, Date.from(minute(5))), MUCH_LATER)).isEmpty();
    }

    @Test
    void aMinuteLateIsABreach() {
      assertThat(breaches(reported().set(IncidentVariable.ACKNOWLEDGED_AT, Date.from(minute(6))), MUCH_LATER))
          .singleElement().isEqualTo(new Breach("acknowledgement-late",
              "acknowledged 6 min after report; timeout PT5M", minute(5), minute(6)));
    }

    @Test
    void anOpenIncidentNotYetAcknowledgedIsLateOncePastTheTimeout() {
      assertThat(breaches(reported(), minute(5))).isEmpty();
      assertThat(breaches(reported(), minute(6))).singleElement().isEqualTo(
          new Breach("acknowledgement-late", "not acknowledged; timeout PT5M", minute(5), null));
    }

    @Test
    void aClosedIncidentIsJudgedUpToItsEndNotNow() {
      assertThat(breaches(reported().closedAt(minute(5)), MUCH_LATER)).isEmpty();
      assertThat(breaches(reported().closedAt(minute(6)), MUCH_LATER)).extracting(Breach::kind)
          .containsExactly("acknowledgement-late");
    }

    @Test
    void theTimeoutIsTheOneInForceWhenItWasAcknowledged() {
      // Proposed SEV3 (an hour), acknowledged after 20 minutes, then classified SEV1 (five minutes).
      HistoryBuilder reclassified = incident().change(T0, IncidentVariable.ACK_TIMEOUT, "PT1H")
          .set(IncidentVariable.ACKNOWLEDGED_AT, Date.from(minute(20)))
          .change(minute(30), IncidentVariable.ACK_TIMEOUT, "PT5M");
      assertThat(breaches(reclassified, MUCH_LATER)).isEmpty();
    }

    @Test
    void measuredFromTheRecordedReportTime() {
      // Monitoring saw it two minutes before the incident was opened.
      HistoryBuilder early = reported().set(IncidentVariable.REPORTED_AT, "2027-03-01T09:58:00Z")
          .set(IncidentVariable.ACKNOWLEDGED_AT, Date.from(minute(4)));
      assertThat(breaches(early, MUCH_LATER)).singleElement()
          .satisfies(b -> assertThat(b.expectedBy()).isEqualTo(minute(3)));
    }

    @Test
    void withoutATimeoutThereIsNothingToBreach() {
      assertThat(breaches(incident(), MUCH_LATER)).isEmpty();
    }
  }

  @Nested
  class StakeholderUpdates {

    /** Cadence PT30M; the initial notification at T0. */
    HistoryBuilder notified() {
      return incident().change(T0, IncidentVariable.UPDATE_CADENCE, "PT30M")
          .notification(T0, NotificationTemplate.INITIAL, SopActivity.Task_NotifyStakeholders);
    }

    HistoryBuilder update(HistoryBuilder incident, long minute) {
      return incident.notification(minute(minute), NotificationTemplate.UPDATE, SopActivity.Task_SendStakeholderUpdate);
    }

    HistoryBuilder resolvedAt(HistoryBuilder incident, long minute) {
      return incident.userTask(SopActivity.Task_ResolveIncident, minute(minute - 1), minute(minute), "responder");
    }

    @Test
    void cadencePlusToleranceIsOnTime() {
      HistoryBuilder onTime = resolvedAt(update(update(notified(), 35), 70), 105);
      assertThat(breaches(onTime, MUCH_LATER)).isEmpty();
    }

    @Test
    void aMinuteMoreIsAGapBetweenTwoUpdates() {
      HistoryBuilder gap = resolvedAt(update(notified(), 36), 40);
      assertThat(breaches(gap, MUCH_LATER)).singleElement().isEqualTo(new Breach("update-gap",
          "no stakeholder update for 36 min after 2027-03-01T10:00:00Z; cadence PT30M", minute(30), minute(36)));
    }

    @Test
    void theLastGapRunsUntilTheResolution() {
      assertThat(breaches(resolvedAt(notified(), 35), MUCH_LATER)).isEmpty();
      assertThat(breaches(resolvedAt(notified(), 36), MUCH_LATER)).singleElement().isEqualTo(new Breach("update-gap",
          "no stakeholder update for 36 min after 2027-03-01T10:00:00Z until resolution; cadence PT30M", minute(30), null));
    }

    @Test
    void anOpenIncidentIsSilentUntilNow() {
      assertThat(breaches(notified(), minute(35))).isEmpty();
      assertThat(breaches(notified(), minute(36))).singleElement().isEqualTo(new Breach("update-gap",
          "no stakeholder update for 36 min after 2027-03-01T10:00:00Z until now; cadence PT30M", minute(30), null));
    }

    @Test
    void aClosedIncidentNeverResolvedIsSilentUntilItsEnd() {
      assertThat(breaches(notified().closedAt(minute(35)), MUCH_LATER)).isEmpty();
      assertThat(breaches(notified().closedAt(minute(36)), MUCH_LATER)).extracting(Breach::kind)
          .containsExactly("update-gap");
    }

    @Test
    void onlyTheInitialNotificationAndUpdatesCount() {
      HistoryBuilder otherNotices = notified()
          .notification(minute(20), NotificationTemplate.TIMELINE, SopActivity.Task_CommunicateTimeline)
          .notification(minute(30), NotificationTemplate.MITIGATED, SopActivity.Task_NotifyMitigated);
      assertThat(breaches(resolvedAt(otherNotices, 40), MUCH_LATER)).extracting(Breach::description)
          .containsExactly("no stakeholder update for 40 min after 2027-03-01T10:00:00Z until resolution; cadence PT30M");
    }

    @Test
    void updatesAfterTheResolutionAreLeftOut() {
      HistoryBuilder afterwards = update(resolvedAt(notified(), 30), 200);
      assertThat(breaches(afterwards, MUCH_LATER)).isEmpty();
    }

    @Test
    void withoutAnyStakeholderUpdateTheCadenceHasNotStarted() {
      HistoryBuilder silent = resolvedAt(incident().change(T0, IncidentVariable.UPDATE_CADENCE, "PT30M"), 300);
      assertThat(breaches(silent, MUCH_LATER)).isEmpty();
    }

    @Test
    void eachGapIsMeasuredAgainstTheCadenceInForceAtItsStart() {
      // Proposed SEV3 (hourly updates), classified SEV1 (every 30 minutes) at +10.
      HistoryBuilder upgraded = incident().change(T0, IncidentVariable.UPDATE_CADENCE, "PT1H")
          .notification(T0, NotificationTemplate.INITIAL, SopActivity.Task_NotifyStakeholders)
          .change(minute(10), IncidentVariable.UPDATE_CADENCE, "PT30M");
      HistoryBuilder incident = resolvedAt(update(update(upgraded, 50), 90), 100);
      assertThat(breaches(incident, MUCH_LATER)).singleElement().isEqualTo(new Breach("update-gap",
          "no stakeholder update for 40 min after 2027-03-01T10:50:00Z; cadence PT30M", minute(80), minute(90)));
    }

    @Test
    void longGapsAreWordedInHoursAndDays() {
      assertThat(breaches(resolvedAt(notified(), 127), MUCH_LATER)).extracting(Breach::description)
          .containsExactly("no stakeholder update for 2 h 7 min after 2027-03-01T10:00:00Z until resolution; cadence PT30M");
      assertThat(breaches(resolvedAt(notified(), 60 * 50 + 7), MUCH_LATER)).extracting(Breach::description)
          .containsExactly("no stakeholder update for 2 d 2 h after 2027-03-01T10:00:00Z until resolution; cadence PT30M");
    }
  }

  @Nested
  class TargetResolution {

    HistoryBuilder targeted() {
      return incident().set(IncidentVariable.TARGET_RESOLUTION_AT, "2027-03-01T11:00Z");
    }

    HistoryBuilder resolvedAt(long minute) {
      return targeted().userTask(SopActivity.Task_ResolveIncident, minute(10), minute(minute), "responder");
    }

    @Test
    void resolvedExactlyAtTheTargetIsOnTime() {
      assertThat(breaches(resolvedAt(60), MUCH_LATER)).isEmpty();
    }

    @Test
    void resolvedAMinuteAfterIsABreach() {
      assertThat(breaches(resolvedAt(61), MUCH_LATER)).singleElement().isEqualTo(new Breach(
          "target-resolution-missed", "resolved 1 min after the target resolution time", minute(60), minute(61)));
    }

    @Test
    void anOpenIncidentMissesItOncePastTheTarget() {
      assertThat(breaches(targeted(), minute(60))).isEmpty();
      assertThat(breaches(targeted(), minute(61))).singleElement().isEqualTo(new Breach(
          "target-resolution-missed", "not resolved by the target resolution time", minute(60), null));
    }

    @Test
    void aClosedIncidentIsJudgedUpToItsEnd() {
      assertThat(breaches(targeted().closedAt(minute(60)), MUCH_LATER)).isEmpty();
      assertThat(breaches(targeted().closedAt(minute(61)), MUCH_LATER)).extracting(Breach::kind)
          .containsExactly("target-resolution-missed");
    }

    @Test
    void withoutATargetThereIsNothingToMiss() {
      assertThat(breaches(resolvedAt(600).remove(IncidentVariable.TARGET_RESOLUTION_AT), MUCH_LATER)).isEmpty();
    }
  }

  @Nested
  class Review {

    static final Instant DUE = minute(60 * 24 * 3);

    HistoryBuilder resolved(String policy) {
      return incident().set(IncidentVariable.SEVERITY, "SEV2").set(IncidentVariable.REVIEW_POLICY, policy)
          .userTask(SopActivity.Task_ResolveIncident, minute(1), minute(60), "responder")
          .set(IncidentVariable.REVIEW_DUE_AT, Date.from(DUE));
    }

    HistoryBuilder reviewedAt(Instant done) {
      return resolved("mandatory").userTask(SopActivity.Task_ConductPostIncidentReview, minute(60), done, "commander")
          .closedAt(done);
    }

    @Test
    void reviewedExactlyWhenDueIsOnTime() {
      assertThat(breaches(reviewedAt(DUE), MUCH_LATER)).isEmpty();
    }

    @Test
    void reviewedAMinuteAfterItsDueDateIsLate() {
      assertThat(breaches(reviewedAt(DUE.plusSeconds(60)), MUCH_LATER)).singleElement().isEqualTo(new Breach(
          "review-late", "review completed 1 min after its due date", DUE, DUE.plusSeconds(60)));
    }

    @Test
    void aMandatoryReviewMissingFromAClosedIncidentIsSkipped() {
      assertThat(breaches(resolved("mandatory").closedAt(minute(70)), minute(80))).singleElement().isEqualTo(new Breach(
          "review-skipped", "the review is mandatory for SEV2 but the incident was closed without one", DUE, null));
    }

    @Test
    void aMandatoryReviewStillOpenIsLateOnlyOnceDue() {
      assertThat(breaches(resolved("mandatory"), DUE)).isEmpty();
      assertThat(breaches(resolved("mandatory"), DUE.plusSeconds(60))).singleElement().isEqualTo(new Breach(
          "review-late", "review not completed, due " + DUE, DUE, null));
    }

    @Test
    void anOptionalReviewNotHeldIsNoBreach() {
      assertThat(breaches(resolved("optional").closedAt(minute(70)), MUCH_LATER)).isEmpty();
      assertThat(breaches(resolved("optional"), MUCH_LATER)).isEmpty();
    }
  }

  @Test
  void aDrillIsJudgedLikeAnyIncident() {
    // Drills are marked and left out of the metrics, not excused: the report shows what went wrong.
    HistoryBuilder drill = incident().drill().change(T0, IncidentVariable.ACK_TIMEOUT, "PT5M")
        .set(IncidentVariable.ACKNOWLEDGED_AT, Date.from(minute(9)));
    assertThat(breaches(drill, MUCH_LATER)).extracting(Breach::kind).containsExactly("acknowledgement-late");
  }
}
