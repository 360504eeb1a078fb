package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.incidentresponse.TestMailServer;
import org.incidentresponse.sop.NotificationTemplate;
import org.incidentresponse.sop.Sop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One scenario per path through bpmn/incident-response.bpmn. */
@Tag("postgres")
class IncidentResponseScenarioTest extends ProcessScenario {

  private static final Map<String, Object> RESOLUTION = Map.of(
      "rootCause", "Expired TLS certificate on the payment gateway",
      "resolutionSummary", "Certificate renewed and gateway restarted",
      "followUpActions", "Automate certificate renewal — responder");

  /** The review form as Tasklist submits it; the action items are a Json variable. */
  private static final Map<String, Object> REVIEW = Map.ofEntries(
      Map.entry("reviewSummary", "Checkout failed until the gateway's certificate was renewed"),
      Map.entry("reviewImpactDuration", "20 min"),
      Map.entry("reviewAffected", "All checkout customers"),
      Map.entry("reviewTrigger", "The certificate expired"),
      Map.entry("reviewTimeline", "10:00 alert, 10:02 acknowledged, 10:20 mitigated, 11:00 resolved"),
      Map.entry("reviewRootCause", "Certificate expiry was not monitored"),
      Map.entry("reviewDetection", "monitoring"),
      Map.entry("reviewDetectionDetails", "Error-rate alert"),
      Map.entry("reviewResolution", "Failover, then renewal"),
      Map.entry("reviewWentWell", "Fast failover"),
      Map.entry("reviewWentBadly", "Nobody owned certificate renewal"),
      Map.entry("reviewLucky", "Low traffic"),
      Map.entry("actionItems", org.camunda.spin.plugin.variable.SpinValues.jsonValue(
          "[{\"title\":\"Add expiry alert\",\"type\":\"detect\",\"owner\":\"responder\",\"dueDate\":\"2026-12-14\"}]")
          .create()));

  /** Every path of the SOP leaves the audit's read model equal to what the audit reads from the history. */
  @AfterEach
  void readModelMatchesHistory() {
    assertReadModelMatchesHistory();
  }

  @Test
  void sev1WithWorkaroundRemindersAndReview() {
    ProcessInstance incident = start(report("high", "high", true));

    String number = (String) runtimeService.getVariable(incident.getId(), "incidentNumber");
    assertThat(number).matches("INC-2026-\\d{4}");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(incident.getId()).singleResult()
        .getBusinessKey()).isEqualTo(number);
    assertThat(runtimeService.getVariable(incident.getId(), "reportedAt")).isEqualTo(Date.from(START));
    BpmnAwareTests.assertThat(incident).isWaitingAt("Task_TriageIncident");
    // The page goes out at once, to the responders, before anyone has looked at the incident.
    assertThat(notificationsSent(incident)).containsExactly("page");
    assertThat(mailsTo("responder@example.org")).singleElement()
        .satisfies(page -> assertThat(subject(page)).contains(number).contains("Take this incident"));
    Task triage = task(incident, "Task_TriageIncident");
    assertThat(triage.getPriority()).isEqualTo(100);
    assertThat(triage.getName()).isEqualTo("Triage incident · " + number + " · SEV1 · Checkout API down");
    assertThat(triage.getDescription()).contains("checkout-api").contains("https://runbooks.example.org/checkout");

    throughTimeline(incident, true);
    assertThat(notificationsSent(incident)).containsExactly("page", "initial", "timeline");
    // SEV1 notifies commanders, communications and process owners; customers too, as customers are hit.
    assertThat(mailsTo("commander@example.org")).hasSize(2);
    assertThat(mailsTo("comms@example.org")).hasSize(2);
    assertThat(mailsTo("owner@example.org")).hasSize(2);
    assertThat(mailsTo("responder@example.org")).hasSize(1);
    assertThat(mailsTo("ops@customer.example")).isNotEmpty();
    assertThat(text(mailsTo("comms@example.org").get(0))).contains(number).contains("10:30");

    complete(incident, "Task_ApplyWorkaround", "responder",
        Map.of("workaroundDescription", "Traffic failed over to the secondary gateway"));
    assertThat(notificationsSent(incident)).endsWith("mitigated");
    complete(incident, "Task_ResolveIncident", "responder", RESOLUTION);
    assertThat(notificationsSent(incident)).endsWith("resolved");
    assertThat(timerActivities(incident)).containsOnly("Timer_ReviewOverdue");

    Task review = task(incident, "Task_ConductPostIncidentReview");
    assertThat(review.getAssignee()).isEqualTo("commander");
    assertThat(review.getDueDate()).isEqualTo(Date.from(Instant.parse("2026-12-03T10:00:00Z")));

    advance(Duration.ofDays(3).plusMinutes(1));
    assertThat(notificationsSent(incident)).endsWith("review-overdue");
    complete(incident, "Task_ConductPostIncidentReview", "commander", REVIEW);

    BpmnAwareTests.assertThat(incident).isEnded().hasPassedInOrder(
        "Task_LogIncident", "Task_ClassifyIncident", "Task_NotifyStakeholders", "Task_AssignResponseTeam",
        "Task_EstablishTimeline", "Task_CommunicateTimeline", "Task_ApplyWorkaround", "Task_ResolveIncident",
        "Task_ConductPostIncidentReview", "Task_NotifyClosed");
    assertThat(notificationsSent(incident)).endsWith("closed");
    assertThat(mailsTo("ops@customer.example")).extracting(ProcessScenario::subject)
        .anySatisfy(subject -> assertThat(subject).contains(number));
  }

  @Autowired MeterRegistry meters;

  @Test
  void sev4GoesStraightToClosureWithoutReviewOrScheduledUpdates() {
    Map<String, Double> sentBefore = notificationsSentMetric();
    ProcessInstance incident = start(report("low", "low", false));
    assertThat(runtimeService.getVariable(incident.getId(), "severity")).isEqualTo("SEV4");
    assertThat(task(incident, "Task_TriageIncident").getPriority()).isEqualTo(25);

    throughTimeline(incident, false);
    BpmnAwareTests.assertThat(incident).hasPassed("EndEvent_NoScheduledUpdates");
    assertThat(timerActivities(incident)).doesNotContain("Timer_StakeholderUpdateDue");
    // SEV4 tells communications only, and nobody outside.
    assertThat(mailsTo("comms@example.org")).isNotEmpty();
    assertThat(mailsTo("commander@example.org")).isEmpty();
    assertThat(text(mailsTo("comms@example.org").get(0))).containsIgnoringCase("no further scheduled updates");

    complete(incident, "Task_ResolveIncident", "responder", RESOLUTION);
    complete(incident, "Task_DecideReview", "commander",
        Map.of("reviewWanted", false, "reviewDecisionReason", "Known minor issue, fix tracked"));

    BpmnAwareTests.assertThat(incident).isEnded().hasNotPassed("Task_ConductPostIncidentReview", "Task_ApplyWorkaround");
    assertThat(notificationsSent(incident)).containsExactly("page", "initial", "timeline", "resolved", "closed");
    // What an operator graphs: incident_response_notifications_sent_total{template}, one per committed notification.
    Map<String, Double> sent = notificationsSentMetric();
    for (NotificationTemplate template : NotificationTemplate.values()) {
      double expected = List.of("page", "initial", "timeline", "resolved", "closed").contains(template.id()) ? 1 : 0;
      assertThat(sent.get(template.id()) - sentBefore.get(template.id()))
          .as("notifications sent with template %s", template.id()).isEqualTo(expected);
    }
  }

  @Test
  void alertOnAnOpenIncidentIsCountedOnItWithoutPagingAgain() throws Exception {
    ProcessInstance incident = start(report("high", "high", false));
    String number = (String) runtimeService.getVariable(incident.getId(), "incidentNumber");
    TestMailServer.get().purgeEmailFromAllMailboxes();

    for (int alert = 1; alert <= 2; alert++) {
      runtimeService.createMessageCorrelation(Sop.MESSAGE_ALERT_RECEIVED).processInstanceBusinessKey(number)
          .setVariable("lastAlert", "alertmanager firing, group checkout, alert " + alert).correlate();
      runDueJobs();
    }

    BpmnAwareTests.assertThat(incident).isActive().hasPassedInOrder("Task_RecordAlert", "EndEvent_AlertRecorded");
    assertThat(runtimeService.getVariable(incident.getId(), "alertCount")).isEqualTo(2);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(incident.getId())
        .variableName("alert").list()).extracting(v -> v.getValue())
        .containsExactlyInAnyOrder("alertmanager firing, group checkout, alert 1",
            "alertmanager firing, group checkout, alert 2");
    assertThat(TestMailServer.get().getReceivedMessages()).as("an alert on an open incident pages nobody").isEmpty();
    assertThat(task(incident, "Task_TriageIncident")).isNotNull();
  }

  @Test
  void recoveryFromMonitoringTellsTheIncidentCommanderButLeavesTheIncidentOpen() throws Exception {
    ProcessInstance incident = start(report("high", "high", false));
    throughTimeline(incident, false);
    String number = (String) runtimeService.getVariable(incident.getId(), "incidentNumber");
    TestMailServer.get().purgeEmailFromAllMailboxes();

    runtimeService.createMessageCorrelation(Sop.MESSAGE_RECOVERY_REPORTED).processInstanceBusinessKey(number)
        .setVariable("lastAlert", "alertmanager resolved, group checkout").correlate();
    runDueJobs();

    BpmnAwareTests.assertThat(incident).isActive()
        .hasPassedInOrder("Task_RecordRecovery", "Task_NotifyRecoveryReported", "EndEvent_RecoveryRecorded");
    assertThat(runtimeService.getVariable(incident.getId(), "recoveryReportedAt")).isEqualTo(Date.from(START));
    assertThat(notificationsSent(incident)).endsWith("recovery-reported");
    // Only the named incident commander hears it; a human still confirms the fix.
    assertThat(mailsTo("commander@example.org")).singleElement()
        .satisfies(mail -> assertThat(subject(mail)).startsWith("[SEV1] " + number + " Monitoring reports recovery:"));
    assertThat(mailsTo("responder@example.org")).isEmpty();
    assertThat(task(incident, "Task_ResolveIncident")).isNotNull();
  }

  private Map<String, Double> notificationsSentMetric() {
    Map<String, Double> sent = new HashMap<>();
    for (NotificationTemplate template : NotificationTemplate.values()) {
      Counter counter = meters.find("incident.response.notifications.sent").tag("template", template.id()).counter();
      sent.put(template.id(), counter == null ? 0 : counter.count());
    }
    return sent;
  }

  @Test
  void commanderOverridesTheProposedSeverityWithAReason() {
    ProcessInstance incident = start(report("medium", "medium", false));
    assertThat(runtimeService.getVariable(incident.getId(), "proposedSeverity")).isEqualTo("SEV3");
    assertThat(task(incident, "Task_TriageIncident").getPriority()).isEqualTo(50);
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Worse than reported"));

    Task classify = task(incident, "Task_ClassifyIncident");
    taskService.claim(classify.getId(), "commander");
    assertThatThrownBy(() -> taskService.complete(classify.getId(), Map.of("severity", "SEV1")))
        .hasMessageContaining("needs a reason");
    BpmnAwareTests.assertThat(incident).isWaitingAt("Task_ClassifyIncident");

    taskService.complete(classify.getId(),
        Map.of("severity", "SEV1", "severityOverrideReason", "Payments failing for all EU customers"));
    runDueJobs();

    assertThat(runtimeService.getVariables(incident.getId())).containsEntry("severity", "SEV1")
        .containsEntry("severityOverridden", true).containsEntry("severityDecidedBy", "commander")
        .containsEntry("priority", 100).containsEntry("updateCadence", "PT30M");
    assertThat(task(incident, "Task_AssignResponseTeam").getPriority()).isEqualTo(100);
    // The policy of the confirmed severity decides who hears about it.
    assertThat(mailsTo("commander@example.org")).isNotEmpty();
    List<String> severities = historyService.createHistoricDetailQuery().processInstanceId(incident.getId())
        .variableUpdates().orderByTime().asc().list().stream()
        .map(detail -> (HistoricVariableUpdate) detail)
        .filter(update -> update.getVariableName().equals("severity"))
        .map(update -> String.valueOf(update.getValue())).toList();
    assertThat(severities).containsSubsequence("SEV3", "SEV1");
  }

  @Test
  void unacknowledgedTriageEscalatesRepeatedlyUntilClaimed() {
    ProcessInstance incident = start(report("high", "high", false));

    advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(notificationsSent(incident)).containsExactly("page", "acknowledgement-escalation");
    assertThat(mailsTo("commander@example.org")).hasSize(1);
    advance(Duration.ofMinutes(5));
    assertThat(notificationsSent(incident)).containsExactly("page", "acknowledgement-escalation", "acknowledgement-escalation");

    taskService.claim(task(incident, "Task_TriageIncident").getId(), "responder");
    assertThat(runtimeService.getVariable(incident.getId(), "acknowledgedBy")).isEqualTo("responder");
    advance(Duration.ofMinutes(5));
    advance(Duration.ofMinutes(5));
    assertThat(notificationsSent(incident)).hasSize(3);
    assertThat(mailsTo("commander@example.org")).hasSize(2);
    BpmnAwareTests.assertThat(incident).hasPassed("EndEvent_AlreadyAcknowledged");
  }

  @Test
  void stakeholderUpdatesFollowTheCadenceAndStopAtResolution() {
    ProcessInstance incident = start(report("high", "high", false));
    throughTimeline(incident, false);
    assertThat(runtimeService.getVariable(incident.getId(), "nextUpdateAt")).isEqualTo("2026-11-30T10:30Z");

    advance(Duration.ofMinutes(30));
    assertThat(notificationsSent(incident)).endsWith("update");
    Task note = task(incident, "Task_ProvideStatusUpdate");
    assertThat(note.getDueDate()).isEqualTo(Date.from(Instant.parse("2026-11-30T11:00:00Z")));
    complete(incident, "Task_ProvideStatusUpdate", "comms",
        Map.of("statusNote", "Failover to the secondary gateway is in progress"));

    advance(Duration.ofMinutes(30));
    List<String> updates = notificationsSent(incident).stream().filter("update"::equals).toList();
    assertThat(updates).hasSize(2);
    String latest = text(mailsTo("comms@example.org").get(mailsTo("comms@example.org").size() - 1));
    assertThat(latest).contains("Failover to the secondary gateway is in progress").contains("11:30");

    // A note not given before the next update is superseded by a fresh request, never piled up.
    advance(Duration.ofMinutes(30));
    assertThat(notificationsSent(incident).stream().filter("update"::equals)).hasSize(3);
    assertThat(taskService.createTaskQuery().processInstanceId(incident.getId())
        .taskDefinitionKey("Task_ProvideStatusUpdate").count()).isEqualTo(1);

    complete(incident, "Task_ResolveIncident", "responder", RESOLUTION);
    assertThat(timerActivities(incident)).doesNotContain("Timer_StakeholderUpdateDue");
    assertThat(taskService.createTaskQuery().processInstanceId(incident.getId())
        .taskDefinitionKey("Task_ProvideStatusUpdate").count()).isZero();
    advance(Duration.ofHours(2));
    assertThat(notificationsSent(incident).stream().filter("update"::equals)).hasSize(3);
  }

  @Test
  void missedTargetResolutionTimeEscalates() {
    ProcessInstance incident = start(report("high", "high", false));
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Confirmed"));
    complete(incident, "Task_ClassifyIncident", "commander");
    complete(incident, "Task_AssignResponseTeam", "commander", Map.of("incidentCommander", "commander"));
    Map<String, Object> timeline = new HashMap<>();
    timeline.put("targetMitigationAt", "2026-11-30T10:10Z");
    timeline.put("targetResolutionAt", "2026-11-30T10:20Z");
    timeline.put("workaroundNeeded", false);
    complete(incident, "Task_EstablishTimeline", "commander", timeline);

    advance(Duration.ofMinutes(19));
    assertThat(notificationsSent(incident)).doesNotContain("target-breach");
    advance(Duration.ofMinutes(2));
    assertThat(notificationsSent(incident)).contains("target-breach");
    assertThat(mailsTo("commander@example.org")).extracting(ProcessScenario::text)
        .anySatisfy(text -> assertThat(text).contains("10:20"));
    BpmnAwareTests.assertThat(incident).isWaitingAt("Task_ResolveIncident");
  }

  @Test
  void overdueReviewIsRemindedDailyUntilDone() {
    ProcessInstance incident = start(report("high", "medium", false));
    assertThat(runtimeService.getVariable(incident.getId(), "severity")).isEqualTo("SEV2");
    throughTimeline(incident, false);
    complete(incident, "Task_ResolveIncident", "responder", RESOLUTION);

    // SEV2: five business days from Monday 30 November is Monday 7 December.
    Task review = task(incident, "Task_ConductPostIncidentReview");
    assertThat(review.getDueDate()).isEqualTo(Date.from(Instant.parse("2026-12-07T10:00:00Z")));
    advance(Duration.ofDays(7).minusMinutes(1));
    assertThat(notificationsSent(incident)).doesNotContain("review-overdue");
    advance(Duration.ofMinutes(2));
    assertThat(notificationsSent(incident).stream().filter("review-overdue"::equals)).hasSize(1);
    advance(Duration.ofDays(1));
    assertThat(notificationsSent(incident).stream().filter("review-overdue"::equals)).hasSize(2);

    complete(incident, "Task_ConductPostIncidentReview", "commander", REVIEW);
    advance(Duration.ofDays(2));
    assertThat(notificationsSent(incident).stream().filter("review-overdue"::equals)).hasSize(2);
    BpmnAwareTests.assertThat(incident).isEnded();
  }
}
