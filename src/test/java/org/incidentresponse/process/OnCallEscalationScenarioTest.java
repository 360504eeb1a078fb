package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.incidentresponse.audit.IncidentAudit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Routing and escalation on the quick start's catalog: service payment-gateway belongs to team
 * payments, whose weekly rotation has carol as primary and alice as secondary on Monday 30 November
 * 2026 (bob is the third member); its policy pages the primary (wait 5 min), the secondary (10 min),
 * the team (15 min) and then the incident commanders (the severity's acknowledgement time, 5 min for
 * SEV1), once. Timers fire by moving the engine clock.
 */
class OnCallEscalationScenarioTest extends ProcessScenario {

  @LocalServerPort int port;
  @Autowired IncidentAudit audit;

  static Map<String, Object> paymentsIncident() {
    Map<String, Object> vars = report("high", "high", false);
    vars.put("service", "payment-gateway");
    vars.put("title", "Payments failing");
    return vars;
  }

  @Test
  void pagesThePrimaryAloneWhoAcknowledgesByClaiming() {
    ProcessInstance incident = start(paymentsIncident());

    assertThat(notificationsSent(incident)).containsExactly("page");
    assertThat(mailsTo("carol@example.org")).singleElement()
        .satisfies(page -> assertThat(subject(page)).contains("Take this incident").contains("Payments failing"));
    assertThat(mailsTo("alice@example.org")).isEmpty();
    assertThat(mailsTo("bob@example.org")).isEmpty();
    assertThat(mailsTo("responder@example.org")).isEmpty();
    assertThat(mailsTo("commander@example.org")).isEmpty();
    assertThat(candidateGroups(incident)).containsExactly("payments");
    assertThat(runtimeService.getVariable(incident.getId(), "onCallTeam")).isEqualTo("payments");
    assertThat(runtimeService.getVariable(incident.getId(), "onCallPrimary")).isEqualTo("carol");

    taskService.claim(task(incident, "Task_TriageIncident").getId(), "carol");
    advance(Duration.ofMinutes(5).plusSeconds(1));

    assertThat(runtimeService.getVariable(incident.getId(), "acknowledgedBy")).isEqualTo("carol");
    BpmnAwareTests.assertThat(incident).hasPassed("EndEvent_AlreadyAcknowledged");
    assertThat(notificationsSent(incident)).containsExactly("page");
    assertThat(mailsTo("alice@example.org")).isEmpty();
    assertThat(timerActivities(incident)).doesNotContain("Timer_AcknowledgementTimeout");

    complete(incident, "Task_TriageIncident", "carol", Map.of("triageNotes", "Card processor down"));
    BpmnAwareTests.assertThat(incident).isWaitingAt("Task_ClassifyIncident");
  }

  @Test
  void unacknowledgedPageClimbsThePolicyUntilItIsExhausted() {
    ProcessInstance incident = start(paymentsIncident());
    assertThat(pagedUsers(incident)).containsExactly("carol");

    advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(pagedUsers(incident)).containsExactly("carol", "alice");
    assertThat(mailsTo("alice@example.org")).singleElement()
        .satisfies(mail -> assertThat(subject(mail)).contains("Not acknowledged"));
    assertThat(mailsTo("bob@example.org")).isEmpty();
    assertThat(mailsTo("carol@example.org")).hasSize(1);

    advance(Duration.ofMinutes(9));
    assertThat(pagedUsers(incident)).as("the secondary's wait is 10 minutes").hasSize(2);
    advance(Duration.ofMinutes(1));
    assertThat(pagedUsers(incident)).containsExactly("carol", "alice", "alice,bob,carol");
    assertThat(mailsTo("bob@example.org")).hasSize(1);

    advance(Duration.ofMinutes(15));
    assertThat(pagedUsers(incident)).endsWith("commander");
    assertThat(mailsTo("commander@example.org")).hasSize(1);

    advance(Duration.ofMinutes(5));
    assertThat(notificationsSent(incident)).containsExactly("page", "acknowledgement-escalation",
        "acknowledgement-escalation", "acknowledgement-escalation", "escalation-exhausted");
    assertThat(mailsTo("commander@example.org")).hasSize(2)
        .last().satisfies(mail -> assertThat(subject(mail)).contains("Nobody acknowledged"));
    BpmnAwareTests.assertThat(incident).hasPassed("EndEvent_PolicyExhausted");
    assertThat(timerActivities(incident)).doesNotContain("Timer_AcknowledgementTimeout");
    // Paging stopped, triage still waits for someone of the team.
    BpmnAwareTests.assertThat(incident).isWaitingAt("Task_TriageIncident");

    advance(Duration.ofHours(1));
    assertThat(notificationsSent(incident)).hasSize(5);
  }

  @Test
  void aClaimDuringTheSecondStepStopsTheEscalation() {
    ProcessInstance incident = start(paymentsIncident());
    advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(pagedUsers(incident)).containsExactly("carol", "alice");

    taskService.claim(task(incident, "Task_TriageIncident").getId(), "alice");
    advance(Duration.ofMinutes(10));
    advance(Duration.ofMinutes(15));

    BpmnAwareTests.assertThat(incident).hasPassed("EndEvent_AlreadyAcknowledged");
    assertThat(pagedUsers(incident)).containsExactly("carol", "alice");
    assertThat(mailsTo("bob@example.org")).isEmpty();
    assertThat(runtimeService.getVariable(incident.getId(), "acknowledgedBy")).isEqualTo("alice");
  }

  @Test
  void anUnknownServiceGoesToTheRespondersGroup() {
    Map<String, Object> vars = report("high", "high", false);
    vars.put("service", "no-such-service");
    ProcessInstance incident = start(vars);

    assertThat(candidateGroups(incident)).containsExactly("responders");
    assertThat(runtimeService.getVariable(incident.getId(), "onCallTeam")).isNull();
    assertThat(notificationsSent(incident)).containsExactly("page");
    assertThat(mailsTo("responder@example.org")).hasSize(1);
    assertThat(mailsTo("commander@example.org")).isEmpty();

    advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(mailsTo("commander@example.org")).singleElement()
        .satisfies(mail -> assertThat(subject(mail)).contains("Not acknowledged"));
  }

  @Test
  void anOverrideChangesWhoIsPaged() throws Exception {
    // In March 2028, so that the override changes nothing for the other tests of the shared context.
    Instant monday = Instant.parse("2028-03-06T12:00:00Z");
    ClockUtil.setCurrentTime(Date.from(monday));
    HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/oncall/overrides"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("commander:commander".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"team\": \"payments\", \"layer\": \"primary\", \"user\": \"bob\","
            + " \"start\": \"2028-03-06T11:00:00Z\", \"end\": \"2028-03-06T18:00:00Z\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);

    ProcessInstance incident = start(paymentsIncident());

    assertThat(runtimeService.getVariable(incident.getId(), "onCallPrimary")).isEqualTo("bob");
    assertThat(pagedUsers(incident)).containsExactly("bob");
    assertThat(mailsTo("bob@example.org")).singleElement()
        .satisfies(page -> assertThat(subject(page)).contains("Take this incident"));
  }

  @Test
  void theAuditNamesTheTeamAndTheOnCallPerson() {
    ProcessInstance incident = start(paymentsIncident());
    String number = (String) runtimeService.getVariable(incident.getId(), "incidentNumber");
    throughTimeline(incident, false);

    assertThat(audit.report(number).orElseThrow().checklist().toString())
        .contains("on-call team Payments, on call carol");
  }

  private List<String> candidateGroups(ProcessInstance incident) {
    return taskService.getIdentityLinksForTask(task(incident, "Task_TriageIncident").getId()).stream()
        .map(IdentityLink::getGroupId).filter(g -> g != null).toList();
  }

  /** Whom each escalation step paged, in order, from the history. */
  private List<String> pagedUsers(ProcessInstance incident) {
    return historyService.createHistoricDetailQuery().processInstanceId(incident.getId()).variableUpdates()
        .orderPartiallyByOccurrence().asc().list().stream()
        .map(detail -> (HistoricVariableUpdate) detail)
        .filter(update -> update.getVariableName().equals("pagedUsers"))
        .map(update -> String.valueOf(update.getValue())).toList();
  }
}
