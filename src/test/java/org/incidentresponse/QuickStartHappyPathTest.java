package org.incidentresponse;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The whole app, started once with the demo users, walking one incident from report to closure
 * through the REST API that Tasklist itself uses (submit-form), each step as the user whose role it
 * is. Asynchronous notification jobs are executed by the test.
 */
@AppTest
class QuickStartHappyPathTest {

  private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {};
  private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {};

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;

  @Test
  void demoUsersBringAnIncidentFromReportToClosure() {
    Map<String, Object> started = post("responder", "/engine-rest/process-definition/key/incident-response/submit-form",
        form(Map.of("title", "Checkout API down", "description", "502 on /checkout", "service", "checkout-api",
            "impact", "high", "urgency", "high", "customerImpact", false)));
    String instance = (String) started.get("id");
    String number = (String) started.get("businessKey");
    assertThat(number).matches("INC-\\d{4}-\\d{4}");
    List<Map<String, Object>> logged = get("responder",
        "/engine-rest/history/variable-instance?processInstanceId=" + instance + "&variableName=reporter", LIST);
    assertThat(logged).singleElement().satisfies(v -> assertThat(v.get("value")).isEqualTo("responder"));

    // The form's answer committed the logged incident; the triage task follows in a job.
    assertThat(get("responder", "/engine-rest/task?processInstanceId=" + instance, LIST)).isEmpty();
    IncidentStartJobs.continueAfterLog(engine, instance);

    work("responder", instance, "Task_TriageIncident", Map.of("triageNotes", "Confirmed, all regions"));
    work("commander", instance, "Task_ClassifyIncident", Map.of("severity", "SEV1"));
    work("commander", instance, "Task_AssignResponseTeam",
        Map.of("incidentCommander", "commander", "responseTeam", "responder", "communicationsLead", "comms"));
    work("commander", instance, "Task_EstablishTimeline", Map.of("workaroundNeeded", true));
    work("responder", instance, "Task_ApplyWorkaround", Map.of("workaroundDescription", "Failed over"));
    work("responder", instance, "Task_ResolveIncident",
        Map.of("rootCause", "Expired certificate", "resolutionSummary", "Renewed", "followUpActions", "Automate renewal — responder"));
    work("commander", instance, "Task_ConductPostIncidentReview", Map.of(
        "reviewTimeline", "10:00 alert, 10:40 resolved", "reviewRootCause", "Expired certificate",
        "reviewWentWell", "Failover", "reviewWentBadly", "Late detection", "reviewLessonsLearned", "Monitor expiry",
        "reviewActionItems", "Expiry alert — responder — 2026-12-14"));

    List<Map<String, Object>> history = get("auditor", "/engine-rest/history/process-instance?processInstanceId=" + instance, LIST);
    assertThat(history).singleElement().satisfies(h -> assertThat(h.get("state")).isEqualTo("COMPLETED"));
    // Who did each step is in the history: the checklist steps with their assignees.
    Map<String, String> assignees = new LinkedHashMap<>();
    for (HistoricActivityInstance step : historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityType("userTask").orderByHistoricActivityInstanceStartTime().asc().list()) {
      assignees.put(step.getActivityId(), step.getAssignee());
    }
    assertThat(assignees).containsEntry("Task_TriageIncident", "responder")
        .containsEntry("Task_ClassifyIncident", "commander")
        .containsEntry("Task_ResolveIncident", "responder")
        .containsEntry("Task_ConductPostIncidentReview", "commander");
    // The mailboxes are shared with the other tests: this incident's own mail went out.
    assertThat(TestMailServer.messagesTo("comms@example.org")).extracting(MimeMessage::getSubject)
        .anySatisfy(subject -> assertThat(subject).contains(number));
  }

  /** Claim and submit the step's form as that user, then let the notifications go out. */
  private void work(String user, String instance, String step, Map<String, Object> variables) {
    List<Map<String, Object>> tasks = get(user,
        "/engine-rest/task?processInstanceId=" + instance + "&taskDefinitionKey=" + step, LIST);
    assertThat(tasks).as("%s sees %s", user, step).hasSize(1);
    String task = (String) tasks.get(0).get("id");
    if (tasks.get(0).get("assignee") == null) {
      exchange(user, HttpMethod.POST, "/engine-rest/task/" + task + "/claim", Map.of("userId", user), HttpStatus.NO_CONTENT);
    }
    exchange(user, HttpMethod.POST, "/engine-rest/task/" + task + "/submit-form", form(variables), HttpStatus.OK, HttpStatus.NO_CONTENT);
    for (Job job : managementService.createJobQuery().processInstanceId(instance).executable().messages().list()) {
      managementService.executeJob(job.getId());
    }
  }

  private static Map<String, Object> form(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return Map.of("variables", variables);
  }

  private Map<String, Object> post(String user, String path, Object body) {
    ResponseEntity<Map<String, Object>> response = rest.withBasicAuth(user, user)
        .exchange(path, HttpMethod.POST, json(body), OBJECT);
    assertThat(response.getStatusCode()).as("POST %s as %s: %s", path, user, response.getBody()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private <T> T get(String user, String path, ParameterizedTypeReference<T> type) {
    ResponseEntity<T> response = rest.withBasicAuth(user, user).exchange(path, HttpMethod.GET, null, type);
    assertThat(response.getStatusCode()).as("GET %s as %s", path, user).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private void exchange(String user, HttpMethod method, String path, Object body, HttpStatus... expected) {
    ResponseEntity<String> response = rest.withBasicAuth(user, user).exchange(path, method, json(body), String.class);
    assertThat(response.getStatusCode()).as("%s %s as %s: %s", method, path, user, response.getBody()).isIn((Object[]) expected);
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
