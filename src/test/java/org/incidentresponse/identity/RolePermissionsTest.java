package org.incidentresponse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** What the roles may and may not do, tried over REST as the demo users. */
@AppTest
class RolePermissionsTest extends EngineRestTestSupport {

  private static final ObjectMapper json = new ObjectMapper();

  @Autowired
  private RuntimeService runtimeService;
  @Autowired
  private TaskService taskService;
  @Autowired
  private ManagementService managementService;

  private String processInstanceId;
  private Task triage;

  @BeforeEach
  void reportIncidentAsResponder() throws Exception {
    processInstanceId = reportIncident("responder", "high");
    triage = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
    assertThat(triage.getTaskDefinitionKey()).isEqualTo("Task_TriageIncident");
    assertThat(runtimeService.getVariable(processInstanceId, "reporter")).isEqualTo("responder");
  }

  @Test
  void responderWorksOnTasksOfItsCandidateGroup() throws Exception {
    JsonNode visible = json.readTree(as("responder")
        .getForEntity("/engine-rest/task?processInstanceId={id}", String.class, processInstanceId).getBody());
    assertThat(visible).hasSize(1);

    assertThat(as("responder").postForEntity("/engine-rest/task/{id}/claim", json("{\"userId\": \"responder\"}"),
        String.class, triage.getId()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(as("responder").postForEntity("/engine-rest/task/{id}/submit-form",
        json("{\"variables\": {\"triageNotes\": {\"value\": \"502s confirmed\", \"type\": \"String\"}}}"),
        String.class, triage.getId()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtimeService.getVariable(processInstanceId, "acknowledgedBy")).isEqualTo("responder");

    // The next task belongs to incident-commanders: a responder neither sees nor completes it.
    Task classify = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
    assertThat(classify.getTaskDefinitionKey()).isEqualTo("Task_ClassifyIncident");
    assertThat(json.readTree(as("responder")
        .getForEntity("/engine-rest/task?processInstanceId={id}", String.class, processInstanceId).getBody()))
        .isEmpty();
    assertForbidden(as("responder").postForEntity("/engine-rest/task/{id}/complete", json("{}"), String.class,
        classify.getId()));
    assertThat(json.readTree(as("commander")
        .getForEntity("/engine-rest/task?processInstanceId={id}", String.class, processInstanceId).getBody()))
        .hasSize(1);
  }

  @Test
  void communicationsCannotClaimTheRespondersTask() {
    assertForbidden(as("comms").postForEntity("/engine-rest/task/{id}/claim", json("{\"userId\": \"comms\"}"),
        String.class, triage.getId()));
    assertThat(taskService.createTaskQuery().taskId(triage.getId()).singleResult().getAssignee()).isNull();
  }

  @Test
  void auditorCannotCompleteATask() {
    assertForbidden(as("auditor").postForEntity("/engine-rest/task/{id}/complete", json("{}"), String.class,
        triage.getId()));

    assertThat(taskService.createTaskQuery().taskId(triage.getId()).count()).isEqualTo(1);
  }

  @Test
  void auditorCannotClaimATask() {
    assertForbidden(as("auditor").postForEntity("/engine-rest/task/{id}/claim", json("{\"userId\": \"auditor\"}"),
        String.class, triage.getId()));

    assertThat(taskService.createTaskQuery().taskId(triage.getId()).singleResult().getAssignee()).isNull();
  }

  @Test
  void auditorCannotSetVariables() {
    assertThat(runtimeService.getVariable(processInstanceId, "severity")).isEqualTo("SEV1");

    assertForbidden(as("auditor").exchange("/engine-rest/process-instance/{id}/variables/severity",
        HttpMethod.PUT, json("{\"value\": \"SEV4\", \"type\": \"String\"}"), String.class, processInstanceId));
    assertForbidden(as("auditor").postForEntity("/engine-rest/task/{id}/variables",
        json("{\"modifications\": {\"severity\": {\"value\": \"SEV4\", \"type\": \"String\"}}}"),
        String.class, triage.getId()));

    assertThat(runtimeService.getVariable(processInstanceId, "severity")).isEqualTo("SEV1");
  }

  @Test
  void auditorCannotModifyAnInstance() {
    assertForbidden(as("auditor").postForEntity("/engine-rest/process-instance/{id}/modification",
        json("{\"instructions\": [{\"type\": \"cancel\", \"activityId\": \"Task_TriageIncident\"}]}"),
        String.class, processInstanceId));

    assertThat(taskService.createTaskQuery().taskId(triage.getId()).count()).isEqualTo(1);
  }

  @Test
  void auditorCannotDeleteAnInstance() {
    assertForbidden(as("auditor").exchange("/engine-rest/process-instance/{id}", HttpMethod.DELETE, null,
        String.class, processInstanceId));

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count())
        .isEqualTo(1);
  }

  @Test
  void auditorCannotSetJobRetries() {
    // The page to the on-call person (an async step): the incident's one job until it has run.
    Job timer = managementService.createJobQuery().processInstanceId(processInstanceId).singleResult();

    assertForbidden(as("auditor").exchange("/engine-rest/job/{id}/retries", HttpMethod.PUT,
        json("{\"retries\": 0}"), String.class, timer.getId()));

    assertThat(managementService.createJobQuery().jobId(timer.getId()).singleResult().getRetries())
        .isEqualTo(timer.getRetries());
  }

  @Test
  void auditorCannotReportAnIncident() {
    long before = runtimeService.createProcessInstanceQuery().count();

    assertForbidden(as("auditor").postForEntity("/engine-rest/process-definition/key/incident-response/start",
        json("{\"variables\": {\"title\": {\"value\": \"fake\", \"type\": \"String\"}}}"), String.class));

    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void auditorReadsHistoryAndTasks() throws Exception {
    var history = as("auditor").getForEntity("/engine-rest/history/process-instance?processInstanceId={id}",
        String.class, processInstanceId);
    assertThat(history.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(history.getBody())).singleElement()
        .satisfies(instance -> assertThat(instance.get("businessKey").asText()).startsWith("INC-"));

    var tasks = as("auditor").getForEntity("/engine-rest/task?processInstanceId={id}", String.class,
        processInstanceId);
    assertThat(json.readTree(tasks.getBody())).hasSize(1);
  }
}
