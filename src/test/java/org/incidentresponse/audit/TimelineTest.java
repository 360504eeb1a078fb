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
import org.incidentresponse.audit.IncidentHistory.Step;
import org.incidentresponse.audit.IncidentHistory.UserOperation;
import org.incidentresponse.audit.IncidentReport.TimelineEntry;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.SopActivity;
import org.junit.jupiter.api.Test;

/** The incident's timeline: what happened, who did it, in time order. */
class TimelineTest {

  static List<TimelineEntry> timeline(HistoryBuilder incident) {
    return Timeline.of(incident.build());
  }

  static List<TimelineEntry> ofKind(HistoryBuilder incident, String kind) {
    return timeline(incident).stream().filter(e -> e.kind().equals(kind)).toList();
  }

  static TimelineEntry titled(HistoryBuilder incident, String title) {
    return timeline(incident).stream().filter(e -> title.equals(e.title())).findFirst().orElseThrow();
  }

  @Test
  void theSopVersionComesFirstWithItsTag() {
    HistoryBuilder incident = incident().sopVersion(3, "2027.1").event(SopActivity.StartEvent_IncidentReported, T0);
    assertThat(timeline(incident).get(0)).isEqualTo(new TimelineEntry(T0, null, "sop-version", "SOP version 3 (2027.1)",
        "process definition incident-response:3:def", null));
    assertThat(timeline(incident().sopVersion(2, "")).get(0).title()).isEqualTo("SOP version 2");
    assertThat(timeline(incident().sopVersion(2, null)).get(0).title()).isEqualTo("SOP version 2");
  }

  @Test
  void eachMigrationSaysWhoMovedTheIncidentFromWhichVersionToWhichAndWhen() {
    HistoryBuilder incident = incident().sopVersion(3, "2027.1").event(SopActivity.StartEvent_IncidentReported, T0)
        .userTask(SopActivity.Task_TriageIncident, T0, minute(5), "responder")
        .userTask(SopActivity.Task_ClassifyIncident, minute(30), minute(31), "commander")
        .migrated(minute(10), "owner", 3, 4)
        .migrated(minute(20), "admin", 4, 6);
    List<TimelineEntry> timeline = timeline(incident);
    // The incident started on version 3, not on the version it runs on now.
    assertThat(timeline.get(0)).isEqualTo(new TimelineEntry(T0, null, "sop-version", "SOP version 3",
        "ran on versions 3 → 4 → 6", null));
    assertThat(ofKind(incident, "sop-migration")).containsExactly(
        new TimelineEntry(minute(10), null, "sop-migration", "SOP migrated from version 3 to version 4", "by owner", "owner"),
        new TimelineEntry(minute(20), null, "sop-migration", "SOP migrated from version 4 to version 6", "by admin", "admin"));
    // In time order among the steps.
    assertThat(timeline).extracting(TimelineEntry::title).containsSubsequence("SOP version 3", "Triage incident",
        "SOP migrated from version 3 to version 4", "SOP migrated from version 4 to version 6", "Classify incident");
    assertThat(incident.build().sopVersions()).containsExactly(3, 4, 6);
  }

  @Test
  void anIncidentNeverMigratedRanOnOneVersion() {
    assertThat(incident().sopVersion(5, "").build().sopVersions()).containsExactly(5);
    assertThat(ofKind(incident().sopVersion(5, ""), "sop-migration")).isEmpty();
  }

  @Test
  void userTasksSayWhoCompletedThemOrWhoHasThem() {
    HistoryBuilder incident = incident()
        .step(new Step(SopActivity.Task_TriageIncident.id(), "Triage incident", "userTask", T0, minute(5), "responder",
            "commander", false, "t1"))
        .userTask(SopActivity.Task_ClassifyIncident, minute(5), minute(6), "commander")
        .openTask(SopActivity.Task_AssignResponseTeam, minute(6), "commander")
        .openTask(SopActivity.Task_ProvideStatusUpdate, minute(7), null)
        .cancelledTask(SopActivity.Task_ApplyWorkaround, minute(8), minute(9), "responder")
        .cancelledTask(SopActivity.Task_DecideReview, minute(8), minute(9), null);
    assertThat(ofKind(incident, "step")).extracting(TimelineEntry::title, TimelineEntry::detail, TimelineEntry::actor)
        .containsExactly(
            tuple("Triage incident", "completed by commander; assignee responder", "commander"),
            tuple("Classify incident", "completed by commander", "commander"),
            tuple("Assign response team", "open; assignee commander", "commander"),
            tuple("Provide status update", "open; unassigned", null),
            tuple("Apply workaround", "cancelled; assignee responder", "responder"),
            tuple("Decide review", "cancelled", null));
    assertThat(titled(incident, "Triage incident").end()).isEqualTo(minute(5));
    assertThat(titled(incident, "Assign response team").end()).isNull();
  }

  @Test
  void stepsTimersEventsAlertsAndRecoveriesAreToldApart() {
    HistoryBuilder incident = incident()
        .event(SopActivity.StartEvent_IncidentReported, T0)
        .serviceTask(SopActivity.Task_LogIncident, T0)
        .step(new Step(SopActivity.Task_ProposeSeverity.id(), "Propose severity", "businessRuleTask", T0, T0, null, null,
            false, null))
        .step(new Step(SopActivity.SubProcess_Response.id(), "Response", "subProcess", minute(4), null, null, null, false,
            null))
        .timer(SopActivity.Timer_StakeholderUpdateDue, minute(34))
        .step(new Step("EndEvent_Unnamed", null, "noneEndEvent", minute(35), minute(35), null, null, false, null))
        .step(new Step(SopActivity.Task_NotifyMitigated.id(), "Notify mitigated", "serviceTask", minute(36), minute(36),
            null, null, true, null))
        .serviceTask(SopActivity.Task_RecordAlert, minute(40))
        .serviceTask(SopActivity.Task_RecordRecovery, minute(50));
    assertThat(timeline(incident)).extracting(TimelineEntry::kind, TimelineEntry::title, TimelineEntry::detail)
        .containsExactly(
            tuple("sop-version", "SOP version 1", "process definition incident-response:1:def"),
            tuple("event", "Incident reported", null),
            tuple("step", "Log incident", null),
            tuple("step", "Propose severity", null),
            tuple("step", "Response", null),
            tuple("timer", "Stakeholder update due", null),
            tuple("step", "Notify mitigated", "cancelled"),
            tuple("alert", "Record alert", "alert correlated"),
            tuple("recovery", "Record recovery", "monitoring reported recovery"));
  }

  @Test
  void severityProposedThenConfirmedByTheCommander() {
    assertThat(ofKind(compliantSev1(), "severity"))
        .extracting(TimelineEntry::time, TimelineEntry::title, TimelineEntry::detail, TimelineEntry::actor)
        .containsExactly(
            tuple(T0, "Severity SEV1 proposed", "from decision incident-severity", null),
            tuple(minute(2), "Severity SEV1 confirmed", null, "commander"));
  }

  @Test
  void severityOverriddenWithItsReasonAndWhoDecided() {
    HistoryBuilder incident = incident()
        .change(T0, IncidentVariable.SEVERITY, "SEV3")
        .change(minute(2), IncidentVariable.SEVERITY, "SEV1")
        .change(minute(2), IncidentVariable.SEVERITY_OVERRIDE_REASON, "All EU payments failing")
        .change(minute(2), IncidentVariable.SEVERITY_CONFIRMED, true)
        .change(minute(2), IncidentVariable.SEVERITY_OVERRIDDEN, true)
        .change(minute(2), IncidentVariable.SEVERITY_DECIDED_BY, "commander")
        // downgraded later by someone else, without a reason
        .change(minute(90), IncidentVariable.SEVERITY, "SEV2")
        .change(minute(90), IncidentVariable.SEVERITY_OVERRIDE_REASON, null)
        .change(minute(90), IncidentVariable.SEVERITY_DECIDED_BY, "owner");
    assertThat(ofKind(incident, "severity"))
        .extracting(TimelineEntry::time, TimelineEntry::title, TimelineEntry::detail, TimelineEntry::actor)
        .containsExactly(
            tuple(T0, "Severity SEV3 proposed", "from decision incident-severity", null),
            tuple(minute(2), "Severity SEV3 → SEV1", "reason: All EU payments failing", "commander"),
            tuple(minute(90), "Severity SEV1 → SEV2", null, "owner"));
  }

  @Test
  void statusNotesNameTheirAuthor() {
    HistoryBuilder incident = incident()
        .userTask(SopActivity.Task_ProvideStatusUpdate, minute(10), minute(30), "comms");
    String commsTask = incident.lastTaskId();
    incident.change(minute(30), IncidentVariable.STATUS_NOTE, "Failover <b>in progress</b>", commsTask)
        .userTask(SopActivity.Task_ProvideStatusUpdate, minute(30), minute(60), "responder")
        // an older history without the task id: the task completed at the same moment wrote it
        .change(minute(60).plusMillis(400), IncidentVariable.STATUS_NOTE, "Recovering")
        .change(minute(70), IncidentVariable.STATUS_NOTE, null);
    assertThat(ofKind(incident, "status-note"))
        .extracting(TimelineEntry::time, TimelineEntry::title, TimelineEntry::detail, TimelineEntry::actor)
        .containsExactly(
            tuple(minute(30), "Status note", "Failover <b>in progress</b>", "comms"),
            tuple(minute(60).plusMillis(400), "Status note", "Recovering", "responder"));
  }

  @Test
  void aStatusNoteWithoutItsTaskAndNoTaskNearByHasNoAuthor() {
    HistoryBuilder incident = incident()
        .userTask(SopActivity.Task_ProvideStatusUpdate, minute(10), minute(30), "comms")
        .change(minute(30).plusSeconds(2), IncidentVariable.STATUS_NOTE, "Written through the REST API");
    assertThat(ofKind(incident, "status-note")).singleElement().satisfies(e -> assertThat(e.actor()).isNull());
  }

  @Test
  void notificationsWithWhatWasSentToWhom() {
    HistoryBuilder incident = incident()
        .notification(new Notification("update", "[SEV1] Payments down", List.of("a@example.org", "b@example.org"),
            "smtp", minute(32), SopActivity.Task_SendStakeholderUpdate.id()))
        .notification(new Notification(null, null, List.of(), null, minute(40), null));
    assertThat(ofKind(incident, "notification"))
        .extracting(TimelineEntry::time, TimelineEntry::title, TimelineEntry::detail, TimelineEntry::actor)
        .containsExactly(
            tuple(minute(32), "Notification update sent",
                "template update; to a@example.org, b@example.org; via smtp; \"[SEV1] Payments down\"", null),
            tuple(minute(40), "Notification — sent", "template —", null));
  }

  @Test
  void userOperationsExceptCompletionsAndCreation() {
    HistoryBuilder incident = incident()
        .operation(new UserOperation(T0, "reporter", "Create", "ProcessInstance", null, null, null, null))
        .operation(new UserOperation(minute(1), "responder", "Claim", "Task", "assignee", null, "responder",
            "Triage incident"))
        .operation(new UserOperation(minute(5), "responder", "Complete", "Task", null, null, null, "Triage incident"))
        .operation(new UserOperation(minute(6), "owner", "Assign", "Task", "assignee", "responder", "commander",
            "Classify incident"))
        .operation(new UserOperation(minute(80), "admin", "ModifyProcessInstance", "ProcessInstance", null, null, null,
            null));
    assertThat(ofKind(incident, "user-operation"))
        .extracting(TimelineEntry::time, TimelineEntry::title, TimelineEntry::detail, TimelineEntry::actor)
        .containsExactly(
            tuple(minute(1), "Claim Triage incident", "assignee: — → responder", "responder"),
            tuple(minute(6), "Assign Classify incident", "assignee: responder → commander", "owner"),
            tuple(minute(80), "ModifyProcessInstance (ProcessInstance)", null, "admin"));
  }

  @Test
  void everythingIsInTimeOrderWithEntriesWithoutATimeLast() {
    HistoryBuilder incident = compliantSev1()
        .notification(new Notification("update", "lost", List.of(), "log", null, null))
        .operation(minute(2), "commander", "Claim", SopActivity.Task_AssignResponseTeam);
    List<TimelineEntry> timeline = timeline(incident);
    assertThat(timeline.get(0).kind()).isEqualTo("sop-version");
    assertThat(timeline.get(timeline.size() - 1).time()).isNull();
    assertThat(timeline.subList(0, timeline.size() - 1)).extracting(TimelineEntry::time).isSorted();
    // At the same moment, steps before severity changes before notifications before operations.
    assertThat(timeline).filteredOn(e -> minute(2).equals(e.time())).extracting(TimelineEntry::kind)
        .containsExactly("step", "step", "severity", "notification", "user-operation");
    Instant last = timeline.get(timeline.size() - 2).time();
    assertThat(last).isEqualTo(minute(50).plus(Duration.ofDays(1)));
  }
}
