package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.incidentresponse.audit.AuditMetrics;
import org.incidentresponse.audit.IncidentAudit;
import org.incidentresponse.audit.IncidentFilter;
import org.incidentresponse.audit.IncidentReport;
import org.incidentresponse.audit.IncidentReport.Breach;
import org.incidentresponse.audit.IncidentReport.ChecklistItem;
import org.incidentresponse.audit.IncidentReport.TimelineEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit's timeline, checklist, breaches and metrics computed from the history that the real SOP
 * leaves behind: incidents are driven through the process, the engine clock moved to make breaches.
 * Each test runs on its own day, so that its incidents are the only ones in its period: a day in
 * the past, never the real today on which other tests in the shared engine open incidents (52
 * weeks before the days first chosen, so the weekdays and business-day deadlines are the same).
 */
@Tag("postgres")
class IncidentAuditHistoryTest extends ProcessScenario {

  static final Map<String, Object> RESOLUTION = Map.of(
      "rootCause", "Expired TLS certificate on the payment gateway",
      "resolutionSummary", "Certificate renewed",
      "followUpActions", "Automate certificate renewal — responder");

  static final Map<String, Object> REVIEW = Map.of(
      "reviewTimeline", "10:00 alert, 10:50 resolved",
      "reviewRootCause", "Certificate expiry was not monitored",
      "reviewWentWell", "Fast failover",
      "reviewWentBadly", "Nobody owned renewal",
      "reviewLessonsLearned", "Alert 30 days before expiry",
      "reviewActionItems", "Add expiry alert — responder — 2027-03-15");

  @Autowired IncidentAudit audit;

  /** As Tasklist does: the user is authenticated while working, so the user operation log names them. */
  @Override
  void complete(ProcessInstance instance, String taskDefinitionKey, String user, Map<String, Object> vars) {
    org.camunda.bpm.engine.task.Task task = task(instance, taskDefinitionKey);
    // Authorization checks stay off here (the test is not about them): only the operation log's user id.
    engine.getProcessEngineConfiguration().setAuthorizationEnabled(false);
    engine.getIdentityService().setAuthenticatedUserId(user);
    try {
      if (task.getAssignee() == null) {
        taskService.claim(task.getId(), user);
      }
      taskService.complete(task.getId(), vars);
    } finally {
      engine.getIdentityService().clearAuthentication();
      engine.getProcessEngineConfiguration().setAuthorizationEnabled(true);
    }
    runDueJobs();
  }

  void day(String isoInstant) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(isoInstant)));
  }

  String number(ProcessInstance instance) {
    return (String) variable(instance, "incidentNumber");
  }

  IncidentReport report(ProcessInstance instance) {
    return audit.report(number(instance)).orElseThrow();
  }

  /** SEV1 by the book: acknowledged at once, updates on cadence, workaround, resolution and review in time. */
  ProcessInstance compliantSev1() {
    ProcessInstance incident = start(report("high", "high", true));
    throughTimeline(incident, true);
    advance(Duration.ofMinutes(30));
    complete(incident, "Task_ProvideStatusUpdate", "comms",
        Map.of("statusNote", "Failover <script>alert(1)</script> in progress"));
    runtimeService.createMessageCorrelation("AlertReceived").processInstanceBusinessKey(number(incident)).correlate();
    runDueJobs();
    complete(incident, "Task_ApplyWorkaround", "responder", Map.of("workaroundDescription", "Failed over"));
    advance(Duration.ofMinutes(20));
    complete(incident, "Task_ResolveIncident", "responder", RESOLUTION);
    advance(Duration.ofDays(1));
    complete(incident, "Task_ConductPostIncidentReview", "commander", REVIEW);
    BpmnAwareTests.assertThat(incident).isEnded();
    return incident;
  }

  /** SEV1 with every breach: acknowledged late, a two-hour silence, target resolution missed, review late. */
  ProcessInstance sev1WithBreaches() {
    ProcessInstance incident = start(report("high", "high", false));
    advance(Duration.ofMinutes(7));
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Late"));
    complete(incident, "Task_ClassifyIncident", "commander");
    complete(incident, "Task_AssignResponseTeam", "commander",
        Map.of("incidentCommander", "commander", "responseTeam", "responder", "communicationsLead", "comms"));
    Map<String, Object> timeline = new HashMap<>();
    timeline.put("workaroundNeeded", false);
    timeline.put("targetResolutionAt", ResponseTimelineFormat.plusMinutes(ClockUtil.getCurrentTime(), 60));
    complete(incident, "Task_EstablishTimeline", "commander", timeline);
    advance(Duration.ofHours(2));
    complete(incident, "Task_ResolveIncident", "responder", RESOLUTION);
    advance(Duration.ofDays(4));
    complete(incident, "Task_ConductPostIncidentReview", "commander", REVIEW);
    BpmnAwareTests.assertThat(incident).isEnded();
    return incident;
  }

  @Test
  void compliantIncidentHasEveryChecklistItemDoneAndNoBreach() {
    day("2026-03-02T10:00:00Z");
    ProcessInstance incident = compliantSev1();
    IncidentReport report = report(incident);

    assertThat(report.incident().status()).isEqualTo("closed");
    assertThat(report.incident().severity()).isEqualTo("SEV1");
    assertThat(report.incident().drill()).isFalse();
    assertThat(report.breaches()).isEmpty();
    assertThat(report.checklist()).extracting(ChecklistItem::key).containsExactly("identify-and-log", "classify",
        "notify-stakeholders", "assign-team", "timeline", "interim-solution", "full-resolution",
        "post-incident-analysis");
    assertThat(report.checklist()).allSatisfy(item -> assertThat(item.status()).isEqualTo("done"));
    assertThat(item(report, "classify").by()).isEqualTo("commander");
    assertThat(item(report, "classify").evidence()).contains("SEV1").contains("confirmed");
    assertThat(item(report, "assign-team").evidence()).contains("commander commander").contains("team responder");
    assertThat(item(report, "full-resolution").by()).isEqualTo("responder");
    assertThat(item(report, "full-resolution").evidence()).contains("Expired TLS certificate");
    assertThat(item(report, "full-resolution").at()).isEqualTo(Instant.parse("2026-03-02T10:50:00Z"));
    assertThat(item(report, "post-incident-analysis").at()).isEqualTo(Instant.parse("2026-03-03T10:50:00Z"));

    List<TimelineEntry> timeline = report.timeline();
    assertThat(timeline).extracting(TimelineEntry::time).isSorted();
    assertThat(timeline.get(0).kind()).isEqualTo("sop-version");
    assertThat(timeline.get(0).title()).startsWith("SOP version 1");
    assertThat(timeline).extracting(TimelineEntry::kind)
        .contains("step", "severity", "notification", "alert", "status-note", "user-operation");
    assertThat(timeline).filteredOn(e -> "Resolve incident".equals(e.title())).singleElement()
        .satisfies(e -> {
          assertThat(e.actor()).isEqualTo("responder");
          assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T10:30:00Z"));
          assertThat(e.end()).isEqualTo(Instant.parse("2026-03-02T10:50:00Z"));
        });
    assertThat(timeline).filteredOn(e -> "status-note".equals(e.kind())).singleElement()
        .satisfies(e -> {
          assertThat(e.detail()).isEqualTo("Failover <script>alert(1)</script> in progress");
          assertThat(e.actor()).isEqualTo("comms");
        });
    // The status update and the workaround are completed in the same minute: their two notifications may
    // come in either order, each between the timeline's and the resolution's.
    assertThat(timeline).filteredOn(e -> "notification".equals(e.kind())).extracting(TimelineEntry::title)
        .containsSubsequence("Notification initial sent", "Notification timeline sent", "Notification update sent",
            "Notification resolved sent", "Notification closed sent")
        .containsSubsequence("Notification initial sent", "Notification timeline sent",
            "Notification mitigated sent", "Notification resolved sent", "Notification closed sent");
    assertThat(timeline).filteredOn(e -> "user-operation".equals(e.kind())).extracting(TimelineEntry::title)
        .anySatisfy(title -> assertThat(title).startsWith("Claim"));
    assertThat(timeline).filteredOn(e -> "severity".equals(e.kind())).extracting(TimelineEntry::title, TimelineEntry::actor)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Severity SEV1 proposed", null),
            org.assertj.core.groups.Tuple.tuple("Severity SEV1 confirmed", "commander"));
  }

  @Test
  void severityOverrideShowsOnTheTimelineWithItsReason() {
    day("2026-03-06T10:00:00Z");
    ProcessInstance incident = start(report("medium", "medium", false));
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Worse than reported"));
    complete(incident, "Task_ClassifyIncident", "commander",
        Map.of("severity", "SEV1", "severityOverrideReason", "Payments failing for all EU customers"));
    IncidentReport report = report(incident);
    assertThat(report.timeline()).filteredOn(e -> "severity".equals(e.kind())).extracting(TimelineEntry::title)
        .containsExactly("Severity SEV3 proposed", "Severity SEV3 → SEV1");
    assertThat(report.timeline()).filteredOn(e -> "Severity SEV3 → SEV1".equals(e.title())).singleElement()
        .satisfies(e -> {
          assertThat(e.detail()).isEqualTo("reason: Payments failing for all EU customers");
          assertThat(e.actor()).isEqualTo("commander");
        });
    assertThat(item(report, "classify").evidence()).contains("SEV1 (proposed SEV3, overridden: Payments failing");
    assertThat(report.incident().status()).isEqualTo("open");
  }

  @Test
  void everyKindOfBreachIsFlagged() {
    day("2026-03-03T10:00:00Z");
    ProcessInstance incident = sev1WithBreaches();
    IncidentReport report = report(incident);

    assertThat(report.breaches()).extracting(Breach::kind).containsExactly(
        "acknowledgement-late", "update-gap", "target-resolution-missed", "review-late");
    Breach ack = breach(report, "acknowledgement-late");
    assertThat(ack.expectedBy()).isEqualTo(Instant.parse("2026-03-03T10:05:00Z"));
    assertThat(ack.actual()).isEqualTo(Instant.parse("2026-03-03T10:07:00Z"));
    assertThat(breach(report, "update-gap").description()).contains("cadence PT30M");
    assertThat(breach(report, "target-resolution-missed").expectedBy()).isEqualTo(Instant.parse("2026-03-03T11:07:00Z"));
    assertThat(breach(report, "target-resolution-missed").actual()).isEqualTo(Instant.parse("2026-03-03T12:07:00Z"));
    assertThat(breach(report, "review-late").expectedBy()).isEqualTo(Instant.parse("2026-03-06T12:07:00Z"));
    // Late is still done: the checklist records that the steps happened; the breaches say how late.
    assertThat(report.checklist()).allSatisfy(item -> assertThat(item.satisfied()).isTrue());
    assertThat(item(report, "interim-solution").status()).isEqualTo("not-needed");
    assertThat(report.incident().breachCount()).isEqualTo(4);
    assertThat(report.timeline()).extracting(TimelineEntry::title).contains("Notification acknowledgement-escalation sent");
  }

  @Test
  void mandatoryReviewSkippedByModificationIsABreachAndMissing() {
    day("2026-03-04T10:00:00Z");
    ProcessInstance incident = start(report("high", "medium", false));
    throughTimeline(incident, false);
    complete(incident, "Task_ResolveIncident", "responder", RESOLUTION);
    runtimeService.createProcessInstanceModification(incident.getId())
        .cancelAllForActivity("Task_ConductPostIncidentReview").startBeforeActivity("Task_NotifyClosed").execute();
    runDueJobs();
    BpmnAwareTests.assertThat(incident).isEnded();

    IncidentReport report = report(incident);
    assertThat(report.incident().severity()).isEqualTo("SEV2");
    assertThat(report.breaches()).extracting(Breach::kind).containsExactly("review-skipped");
    assertThat(item(report, "post-incident-analysis").status()).isEqualTo("missing");
    assertThat(item(report, "post-incident-analysis").evidence()).contains("mandatory");
    assertThat(report.timeline()).filteredOn(e -> "Conduct post-incident review".equals(e.title())).singleElement()
        .satisfies(e -> assertThat(e.detail()).startsWith("cancelled"));
  }

  @Test
  void optionalReviewDeclinedIsNotRequiredAndOpenIncidentIsPending() {
    day("2026-03-05T10:00:00Z");
    ProcessInstance closed = start(report("low", "low", false));
    throughTimeline(closed, false);
    complete(closed, "Task_ResolveIncident", "responder", RESOLUTION);
    complete(closed, "Task_DecideReview", "commander",
        Map.of("reviewWanted", false, "reviewDecisionReason", "Known minor issue"));
    IncidentReport report = report(closed);
    assertThat(report.incident().severity()).isEqualTo("SEV4");
    assertThat(report.breaches()).isEmpty();
    assertThat(item(report, "post-incident-analysis").status()).isEqualTo("not-required");
    assertThat(item(report, "post-incident-analysis").evidence()).contains("Known minor issue");
    assertThat(item(report, "interim-solution").status()).isEqualTo("not-needed");

    ProcessInstance open = start(report("low", "low", false));
    IncidentReport openReport = report(open);
    assertThat(openReport.incident().status()).isEqualTo("open");
    assertThat(item(openReport, "identify-and-log").status()).isEqualTo("done");
    assertThat(item(openReport, "classify").status()).isEqualTo("pending");
    // SEV4: four hours to acknowledge; past that, the open incident shows the breach.
    advance(Duration.ofHours(4).plusMinutes(1));
    assertThat(report(open).breaches()).extracting(Breach::kind).containsExactly("acknowledgement-late");
  }

  @Test
  void drillIsMarkedAndLeftOutOfTheMetrics() {
    day("2026-03-09T10:00:00Z");
    compliantSev1();
    day("2026-03-09T11:00:00Z");
    sev1WithBreaches();
    day("2026-03-09T16:00:00Z");
    Map<String, Object> drillReport = report("high", "high", false);
    drillReport.put("drill", true);
    ProcessInstance drill = start(drillReport);
    throughTimeline(drill, false);
    advance(Duration.ofMinutes(10));
    complete(drill, "Task_ResolveIncident", "responder", RESOLUTION);
    complete(drill, "Task_ConductPostIncidentReview", "commander", REVIEW);
    assertThat(report(drill).incident().drill()).isTrue();

    IncidentFilter drillDay = new IncidentFilter(null, null, null, Instant.parse("2026-03-09T00:00:00Z"),
        Instant.parse("2026-03-10T00:00:00Z"), null);
    assertThat(audit.list(drillDay, 0, 10).items()).extracting(IncidentReport.Summary::drill)
        .containsExactly(true, false, false);
    IncidentFilter drillsOnly = new IncidentFilter(null, null, null, drillDay.from(), drillDay.to(), true);
    assertThat(audit.list(drillsOnly, 0, 10).total()).isEqualTo(1);

    AuditMetrics metrics = audit.metrics(drillDay.from(), drillDay.to());
    assertThat(metrics.incidents()).isEqualTo(2);
    assertThat(metrics.drillsExcluded()).isEqualTo(1);
    assertThat(metrics.incidentsWithBreaches()).isEqualTo(1);
    assertThat(metrics.breaches()).containsEntry("acknowledgement-late", 1).containsEntry("update-gap", 1)
        .containsEntry("target-resolution-missed", 1).containsEntry("review-late", 1);
    assertThat(metrics.reviews()).isEqualTo(new AuditMetrics.Reviews(2, 1, 1, 0));
    AuditMetrics.SeverityMetrics sev1 = metrics.bySeverity().stream().filter(m -> m.severity().equals("SEV1"))
        .findFirst().orElseThrow();
    assertThat(sev1.incidents()).isEqualTo(2);
    // Acknowledged after 0 and 7 minutes; mitigated after 30 (workaround) and 127 (resolution without one).
    assertThat(sev1.acknowledge().count()).isEqualTo(2);
    assertThat(sev1.acknowledge().meanMinutes()).isEqualTo(3.5);
    assertThat(sev1.acknowledge().p50Minutes()).isEqualTo(0.0);
    assertThat(sev1.acknowledge().p90Minutes()).isEqualTo(7.0);
    assertThat(sev1.mitigate().meanMinutes()).isEqualTo((30 + 127) / 2.0);
    assertThat(sev1.resolve().meanMinutes()).isEqualTo((50 + 127) / 2.0);
    assertThat(metrics.bySeverity()).extracting(AuditMetrics.SeverityMetrics::severity).containsExactly("SEV1", "all");
  }

  private static ChecklistItem item(IncidentReport report, String key) {
    return report.checklist().stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow();
  }

  private static Breach breach(IncidentReport report, String kind) {
    return report.breaches().stream().filter(b -> b.kind().equals(kind)).findFirst().orElseThrow();
  }

  /** The SOP's date-time format for timeline variables. */
  static final class ResponseTimelineFormat {
    static String plusMinutes(Date from, int minutes) {
      return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
          .withZone(java.time.ZoneOffset.UTC).format(from.toInstant().plus(Duration.ofMinutes(minutes)));
    }
  }
}
