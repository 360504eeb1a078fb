package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.incidentresponse.audit.HistoryBuilder.T0;
import static org.incidentresponse.audit.HistoryBuilder.compliantSev1;
import static org.incidentresponse.audit.HistoryBuilder.incident;
import static org.incidentresponse.audit.HistoryBuilder.minute;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.incidentresponse.audit.IncidentHistory.Notification;
import org.incidentresponse.audit.IncidentReport.ChecklistItem;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.NotificationTemplate;
import org.incidentresponse.sop.SopActivity;
import org.junit.jupiter.api.Test;

/** The eight-item SOP checklist with its evidence, on histories built by hand. */
class ChecklistTest {

  static List<ChecklistItem> checklist(HistoryBuilder incident) {
    IncidentHistory h = incident.build();
    return Checklist.of(h, KeyTimes.of(h));
  }

  static ChecklistItem item(HistoryBuilder incident, String key) {
    return checklist(incident).stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void anIncidentHandledByTheBookHasEveryItemDoneInTheOrderOfTheSop() {
    assertThat(checklist(compliantSev1())).extracting(ChecklistItem::number, ChecklistItem::key, ChecklistItem::label,
        ChecklistItem::status).containsExactly(
        tuple(1, "identify-and-log", "Identify and log", "done"),
        tuple(2, "classify", "Classify severity and impact", "done"),
        tuple(3, "notify-stakeholders", "Notify stakeholders", "done"),
        tuple(4, "assign-team", "Assign team members", "done"),
        tuple(5, "timeline", "Establish and communicate a response timeline", "done"),
        tuple(6, "interim-solution", "Interim solution if needed", "done"),
        tuple(7, "full-resolution", "Full resolution", "done"),
        tuple(8, "post-incident-analysis", "Post-incident analysis", "done"));
    assertThat(checklist(compliantSev1())).allMatch(ChecklistItem::satisfied);
  }

  @Test
  void nothingDoneIsPendingWhileOpenAndMissingOnceClosed() {
    assertThat(checklist(incident())).extracting(ChecklistItem::status).containsOnly("pending");
    assertThat(checklist(incident().closedAt(minute(10)))).extracting(ChecklistItem::status).containsOnly("missing");
    assertThat(checklist(incident())).noneMatch(ChecklistItem::satisfied);
    assertThat(checklist(incident())).allSatisfy(i -> {
      assertThat(i.by()).isNull();
      assertThat(i.at()).isNull();
    });
  }

  @Test
  void identifyAndLogNamesTheNumberSourceReportTimeAndTitle() {
    ChecklistItem log = item(compliantSev1(), "identify-and-log");
    assertThat(log.by()).isEqualTo("reporter");
    assertThat(log.at()).isEqualTo(T0);
    assertThat(log.evidence()).isEqualTo("INC-2027-0001; reported via tasklist; at 2027-03-01T10:00:00Z; \"Payments down\"");

    ChecklistItem notLogged = item(compliantSev1().without(SopActivity.Task_LogIncident), "identify-and-log");
    assertThat(notLogged.status()).isEqualTo("missing");
    assertThat(notLogged.evidence()).isEqualTo("Task_LogIncident not completed");
  }

  @Test
  void classifyShowsTheConfirmedSeverityWithWhoDecided() {
    ChecklistItem classify = item(compliantSev1(), "classify");
    assertThat(classify.by()).isEqualTo("commander");
    assertThat(classify.at()).isEqualTo(minute(2));
    assertThat(classify.evidence())
        .isEqualTo("SEV1 (proposed SEV1, confirmed); impact high, urgency high, customer impact yes");
  }

  @Test
  void classifyShowsAnOverrideWithItsReason() {
    HistoryBuilder overridden = compliantSev1()
        .change(minute(2), IncidentVariable.PROPOSED_SEVERITY, "SEV3")
        .change(minute(2), IncidentVariable.SEVERITY_OVERRIDDEN, true)
        .set(IncidentVariable.SEVERITY_OVERRIDE_REASON, "All EU payments failing")
        .set(IncidentVariable.CUSTOMER_IMPACT, false)
        // an older history without severityDecidedBy: the completer of the task decided
        .remove(IncidentVariable.SEVERITY_DECIDED_BY)
        .without(SopActivity.Task_ClassifyIncident)
        .userTask(SopActivity.Task_ClassifyIncident, minute(1), minute(2), "duty-commander");
    ChecklistItem classify = item(overridden, "classify");
    assertThat(classify.evidence())
        .isEqualTo("SEV1 (proposed SEV3, overridden: All EU payments failing); impact high, urgency high, customer impact no");
    assertThat(classify.by()).isEqualTo("duty-commander");
  }

  @Test
  void classifyNotDoneNamesTheProposedSeverity() {
    HistoryBuilder triaged = incident().change(T0, IncidentVariable.PROPOSED_SEVERITY, "SEV3")
        .change(T0, IncidentVariable.SEVERITY, "SEV3")
        .userTask(SopActivity.Task_TriageIncident, T0, minute(1), "responder")
        .openTask(SopActivity.Task_ClassifyIncident, minute(1), null);
    ChecklistItem classify = item(triaged, "classify");
    assertThat(classify.status()).isEqualTo("pending");
    assertThat(classify.evidence()).isEqualTo("Task_ClassifyIncident not completed; proposed SEV3");

    // Completed, but no severity recorded: not classified.
    ChecklistItem noSeverity = item(compliantSev1().remove(IncidentVariable.SEVERITY), "classify");
    assertThat(noSeverity.status()).isEqualTo("missing");
  }

  @Test
  void notifyStakeholdersIsTheInitialNotificationWithItsRecipients() {
    ChecklistItem notify = item(compliantSev1(), "notify-stakeholders");
    assertThat(notify.by()).isEqualTo("sendNotification");
    assertThat(notify.at()).isEqualTo(minute(2));
    assertThat(notify.evidence())
        .isEqualTo("template initial; to stakeholders@example.org; via smtp; \"[INC-2027-0001] initial\"");

    // Recognised by the step even when the record is not one the audit can read.
    HistoryBuilder unreadable = incident().notification(
        Notification.recorded("not json", minute(3), SopActivity.Task_NotifyStakeholders.id()));
    ChecklistItem fromStep = item(unreadable, "notify-stakeholders");
    assertThat(fromStep.status()).isEqualTo("done");
    assertThat(fromStep.evidence()).isEqualTo("template —; \"not json\"");
  }

  @Test
  void otherNotificationsDoNotCountAsNotifyingStakeholders() {
    HistoryBuilder onlyTimeline = incident()
        .notification(minute(4), NotificationTemplate.TIMELINE, SopActivity.Task_CommunicateTimeline)
        .notification(minute(5), NotificationTemplate.PAGE, SopActivity.Task_PageOnCall);
    ChecklistItem notify = item(onlyTimeline, "notify-stakeholders");
    assertThat(notify.status()).isEqualTo("pending");
    assertThat(notify.evidence()).isEqualTo("no notification recorded by Task_NotifyStakeholders");
  }

  @Test
  void assignTeamNeedsAnIncidentCommander() {
    ChecklistItem assigned = item(compliantSev1(), "assign-team");
    assertThat(assigned.by()).isEqualTo("commander");
    assertThat(assigned.at()).isEqualTo(minute(3));
    assertThat(assigned.evidence()).isEqualTo("commander commander; team responder; communications comms");

    ChecklistItem noCommander = item(compliantSev1().set(IncidentVariable.INCIDENT_COMMANDER, " "), "assign-team");
    assertThat(noCommander.status()).isEqualTo("missing");
    assertThat(noCommander.evidence()).isEqualTo("no incident commander named");

    assertThat(item(compliantSev1().without(SopActivity.Task_AssignResponseTeam), "assign-team").evidence())
        .isEqualTo("Task_AssignResponseTeam not completed");
  }

  @Test
  void timelineIsDoneWhenSetAndCommunicated() {
    ChecklistItem timeline = item(compliantSev1(), "timeline");
    assertThat(timeline.by()).isEqualTo("commander");
    assertThat(timeline.at()).as("when it was communicated").isEqualTo(minute(4));
    assertThat(timeline.evidence()).isEqualTo(
        "target mitigation 2027-03-01T10:30Z; target resolution 2027-03-01T12:00Z; communicated 2027-03-01T10:04:00Z");

    ChecklistItem notCommunicated = item(compliantSev1().without(SopActivity.Task_CommunicateTimeline), "timeline");
    assertThat(notCommunicated.status()).isEqualTo("missing");
    assertThat(notCommunicated.evidence()).isEqualTo("timeline set but not communicated (Task_CommunicateTimeline)");

    assertThat(item(compliantSev1().without(SopActivity.Task_EstablishTimeline), "timeline").evidence())
        .isEqualTo("Task_EstablishTimeline not completed");
  }

  @Test
  void interimSolutionIsTheWorkaroundOrNotNeededWhenTheCommanderPlannedNone() {
    ChecklistItem workaround = item(compliantSev1(), "interim-solution");
    assertThat(workaround.status()).isEqualTo("done");
    assertThat(workaround.by()).isEqualTo("responder");
    assertThat(workaround.at()).isEqualTo(minute(30));
    assertThat(workaround.evidence()).isEqualTo("workaround: Failed over");

    ChecklistItem notNeeded = item(compliantSev1().without(SopActivity.Task_ApplyWorkaround)
        .set(IncidentVariable.WORKAROUND_NEEDED, false), "interim-solution");
    assertThat(notNeeded.status()).isEqualTo("not-needed");
    assertThat(notNeeded.satisfied()).isTrue();
    assertThat(notNeeded.by()).isEqualTo("commander");
    assertThat(notNeeded.at()).as("when the timeline was set").isEqualTo(minute(4));
    assertThat(notNeeded.evidence()).isEqualTo("the commander planned no workaround (workaroundNeeded = false)");
  }

  @Test
  void interimSolutionPlannedButNotAppliedOrNotYetDecided() {
    ChecklistItem planned = item(compliantSev1().without(SopActivity.Task_ApplyWorkaround), "interim-solution");
    assertThat(planned.status()).isEqualTo("missing");
    assertThat(planned.evidence()).isEqualTo("workaround planned, Task_ApplyWorkaround not completed");

    ChecklistItem undecided = item(incident(), "interim-solution");
    assertThat(undecided.status()).isEqualTo("pending");
    assertThat(undecided.evidence()).isEqualTo("not decided yet");

    // "No workaround" only counts once the timeline that says so was completed.
    ChecklistItem unconfirmed = item(incident().set(IncidentVariable.WORKAROUND_NEEDED, false)
        .openTask(SopActivity.Task_EstablishTimeline, minute(3), "commander"), "interim-solution");
    assertThat(unconfirmed.status()).isEqualTo("pending");
  }

  @Test
  void fullResolutionNeedsARootCause() {
    ChecklistItem resolved = item(compliantSev1(), "full-resolution");
    assertThat(resolved.by()).isEqualTo("responder");
    assertThat(resolved.at()).isEqualTo(minute(50));
    assertThat(resolved.evidence()).isEqualTo("root cause: Expired TLS certificate; summary: Renewed");

    ChecklistItem noRootCause = item(compliantSev1().set(IncidentVariable.ROOT_CAUSE, ""), "full-resolution");
    assertThat(noRootCause.status()).isEqualTo("missing");
    assertThat(noRootCause.evidence()).isEqualTo("resolved without a root cause");

    assertThat(item(compliantSev1().without(SopActivity.Task_ResolveIncident), "full-resolution").evidence())
        .isEqualTo("Task_ResolveIncident not completed");
  }

  @Test
  void postIncidentAnalysisIsTheReviewWithItsLessons() {
    ChecklistItem review = item(compliantSev1(), "post-incident-analysis");
    assertThat(review.by()).isEqualTo("commander");
    assertThat(review.at()).isEqualTo(minute(50).plus(Duration.ofDays(1)));
    assertThat(review.evidence()).startsWith("due ")
        .endsWith("; lessons learned: Alert before expiry; action items: Add expiry alert");
  }

  @Test
  void anOptionalReviewDeclinedIsNotRequired() {
    Instant decided = minute(55);
    HistoryBuilder declined = compliantSev1().without(SopActivity.Task_ConductPostIncidentReview)
        .set(IncidentVariable.SEVERITY, "SEV4").set(IncidentVariable.REVIEW_POLICY, "optional")
        .userTask(SopActivity.Task_DecideReview, minute(50), decided, "commander")
        .set(IncidentVariable.REVIEW_WANTED, false).set(IncidentVariable.REVIEW_DECISION_REASON, "Known minor issue");
    ChecklistItem review = item(declined, "post-incident-analysis");
    assertThat(review.status()).isEqualTo("not-required");
    assertThat(review.satisfied()).isTrue();
    assertThat(review.by()).isEqualTo("commander");
    assertThat(review.at()).isEqualTo(decided);
    assertThat(review.evidence()).isEqualTo("review optional for SEV4, not wanted: Known minor issue");

    // Wanted after all, but never held.
    ChecklistItem wanted = item(declined.set(IncidentVariable.REVIEW_WANTED, true), "post-incident-analysis");
    assertThat(wanted.status()).isEqualTo("missing");
    assertThat(wanted.evidence()).isEqualTo("Task_ConductPostIncidentReview not completed");
  }

  @Test
  void aMandatoryReviewCancelledIsMissing() {
    HistoryBuilder skipped = compliantSev1().without(SopActivity.Task_ConductPostIncidentReview)
        .cancelledTask(SopActivity.Task_ConductPostIncidentReview, minute(50), minute(60), "commander")
        .closedAt(minute(60));
    ChecklistItem review = item(skipped, "post-incident-analysis");
    assertThat(review.status()).isEqualTo("missing");
    assertThat(review.satisfied()).isFalse();
    assertThat(review.evidence()).isEqualTo("mandatory review not completed");

    // A mandatory policy cannot be declined.
    ChecklistItem declined = item(skipped.set(IncidentVariable.REVIEW_WANTED, false)
        .userTask(SopActivity.Task_DecideReview, minute(50), minute(55), "commander"), "post-incident-analysis");
    assertThat(declined.status()).isEqualTo("missing");
  }

  @Test
  void onlyDoneNotNeededAndNotRequiredSatisfyTheSop() {
    assertThat(Checklist.Status.values()).extracting(Checklist.Status::id, Checklist.Status::satisfied).containsExactly(
        tuple("done", true), tuple("not-needed", true), tuple("not-required", true), tuple("missing", false),
        tuple("pending", false));
    assertThat(new ChecklistItem(1, "k", "l", "unknown", null, null, null).satisfied()).isFalse();
  }
}
