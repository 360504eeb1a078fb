package org.incidentresponse.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.incidentresponse.AppTest;
import org.incidentresponse.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

/**
 * Each new SOP version reaches the team: every responder, commander and communications member gets
 * "Read the SOP, version N" with what changed and the deployer's note; a wrong answer to the knowledge
 * check shows the step and asks again, a right one records who is current; every 3 days a reminder
 * goes out. Its own context: the shared one keeps the feature off so other tests' versions make no tasks.
 */
@AppTest
@Tag("postgres")
@TestPropertySource(properties = "incident-response.sop-acknowledgement.groups=responders,incident-commanders,communications")
class AcknowledgementTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired TestRestTemplate rest;
  @Autowired io.micrometer.core.instrument.MeterRegistry registry;

  private String deployment;

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    runtimeService.createProcessInstanceQuery().processDefinitionKey(SopAcknowledgement.PROCESS_KEY).list()
        .forEach(i -> runtimeService.deleteProcessInstance(i.getId(), "test done"));
    if (deployment != null) {
      repositoryService.deleteDeployment(deployment, true);
    }
  }

  @Test
  void everyoneGetsTheNewVersionAnswersTheCheckAndIsRemindedEveryThreeDaysUntilAcknowledged() throws Exception {
    TestMailServer.get().purgeEmailFromAllMailboxes();
    int version = deployEditedSopAsOwner();

    // One task per member of responders, incident-commanders and communications, named for the version.
    for (String user : List.of("responder", "commander", "comms")) {
      assertThat(taskService.createTaskQuery().processDefinitionKey(SopAcknowledgement.PROCESS_KEY).taskAssignee(user)
          .list()).as(user).singleElement().satisfies(t -> assertThat(t.getName()).isEqualTo("Read the SOP, version " + version));
    }
    assertThat(taskService.createTaskQuery().processDefinitionKey(SopAcknowledgement.PROCESS_KEY).taskAssignee("owner")
        .count()).as("process owners are not asked").isZero();
    Task read = task("responder");
    Map<String, Object> shown = taskService.getVariables(read.getId());
    assertThat((String) shown.get("changes")).contains("Log the incident (Task_LogIncident) changed")
        .contains("name: \"Log incident\" → \"Log the incident\"");
    assertThat(shown.get("changeNote")).isEqualTo("Log incident is now called Log the incident.");
    assertThat(shown.get("deployedAt")).asString().matches("on \\d{1,2}/\\d{1,2}/\\d{4} \\d{2}:\\d{2} UTC");
    assertThat(shown.get("question")).isEqualTo("A client reports downtime. What comes first?");
    assertThat(shown.get("options").toString()).contains("identify-and-log", "Identify and log the incident");

    // A wrong answer: the step to read again, and the same question.
    taskService.complete(read.getId(), Map.of("answer", "notify-stakeholders"));
    Task again = task("responder");
    assertThat((String) taskService.getVariable(again.getId(), "hint")).contains("Task_LogIncident", "Identify and log");
    assertThat(taskService.getVariable(again.getId(), "question")).isEqualTo("A client reports downtime. What comes first?");
    assertThat(acknowledgements(version).path("acknowledged")).isEmpty();

    // The right answer, as Tasklist sends it with the responder's own login: recorded, task done.
    var responder = rest.withBasicAuth("responder", "responder");
    var form = responder.getForEntity("/engine-rest/task/" + again.getId() + "/deployed-form", String.class);
    assertThat(form.getStatusCode()).as(form.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(form.getBody()).contains("\"id\": \"read-sop\"");
    var formVariables = responder.getForEntity("/engine-rest/task/" + again.getId() + "/form-variables?deserializeValues=false", String.class);
    assertThat(formVariables.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(formVariables.getBody()).contains("Identify and log the incident", "Task_LogIncident");
    var json = new org.springframework.http.HttpHeaders();
    json.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    var submitted = responder.postForEntity("/engine-rest/task/" + again.getId() + "/submit-form",
        new org.springframework.http.HttpEntity<>("{\"variables\": {\"answer\": {\"value\": \"identify-and-log\", "
            + "\"type\": \"String\"}}}", json), String.class);
    assertThat(submitted.getStatusCode().is2xxSuccessful()).as(submitted.getBody()).isTrue();
    assertThat(taskService.createTaskQuery().processDefinitionKey(SopAcknowledgement.PROCESS_KEY).taskAssignee("responder")
        .count()).isZero();
    JsonNode acknowledged = acknowledgements(version);
    assertThat(acknowledged.path("acknowledged").findValuesAsText("userId")).containsExactly("responder");
    assertThat(acknowledged.path("acknowledged").get(0).path("acknowledgedAt").asText()).isNotBlank();
    assertThat(acknowledged.path("pending").toString()).contains("commander", "comms").doesNotContain("\"responder\"");
    for (JsonNode group : acknowledged.path("groups")) {
      if (group.path("group").asText().equals("responders")) {
        assertThat(group.path("acknowledged").asInt()).isEqualTo(1);
        assertThat(group.path("share").asDouble()).isEqualTo(1.0 / group.path("members").asInt());
      } else {
        assertThat(group.path("share").asDouble()).as(group.toString()).isZero();
      }
    }
    assertThat(rest.withBasicAuth("responder", "responder")
        .getForEntity("/api/sop/versions/" + version + "/acknowledgements", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    // The same shares as metrics, for the latest version.
    assertThat(registry.get("incident.response.sop.acknowledged.share").tag("group", "responders").gauge().value())
        .isGreaterThan(0.0);
    assertThat(registry.get("incident.response.sop.acknowledged.share").tag("group", "incident-commanders").gauge().value())
        .isZero();

    // The audit of an incident on this version says who had acknowledged it: the responder yes, the commander not yet.
    String incident = incidentTriagedByResponderAndClassifiedByCommander();
    var headers = new org.springframework.http.HttpHeaders();
    headers.setAccept(List.of(org.springframework.http.MediaType.APPLICATION_JSON));
    JsonNode report = JSON.readTree(rest.withBasicAuth("auditor", "auditor").exchange("/api/incidents/" + incident + "/report",
        org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(headers), String.class).getBody());
    assertThat(report.path("acknowledgements").toString()).as(report.path("acknowledgements").toString())
        .contains("{\"userId\":\"responder\",\"version\":" + version + ",\"status\":\"acknowledged\"")
        .contains("{\"userId\":\"commander\",\"version\":" + version + ",\"status\":\"pending\"");
    String markdown = rest.withBasicAuth("auditor", "auditor").exchange("/api/incidents/" + incident + "/report",
        org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(markdownHeaders()), String.class)
        .getBody();
    assertThat(markdown).contains("## SOP acknowledgements").contains("| commander | " + version + " | pending |");

    // Three days on, the commander, who has not answered, is reminded; the responder is not.
    Task commanders = task("commander");
    java.time.Instant given = commanders.getCreateTime().toInstant();
    String reminder = "Reminder: read the SOP, version " + version;
    at(given.plus(Duration.ofDays(3)).minusSeconds(60), commanders);
    assertThat(reminders("commander@example.org")).isEmpty();
    at(given.plus(Duration.ofDays(3)).plusSeconds(60), commanders);
    assertThat(reminders("commander@example.org")).containsExactly(reminder);
    assertThat(reminders("responder@example.org")).isEmpty();
    assertThat(task("commander").getName()).as("the task stays open").isEqualTo("Read the SOP, version " + version);
    // And again every 3 days while it stays open: not the next day, but 3 days later.
    at(given.plus(Duration.ofDays(4)), commanders);
    assertThat(reminders("commander@example.org")).hasSize(1);
    at(given.plus(Duration.ofDays(6)).plusSeconds(60), commanders);
    assertThat(reminders("commander@example.org")).containsExactly(reminder, reminder);
    // Once answered right, no more.
    taskService.complete(task("commander").getId(), Map.of("answer", "identify-and-log"));
    assertThat(acknowledgements(version).path("acknowledged").findValuesAsText("userId")).contains("commander");
    at(given.plus(Duration.ofDays(12)), commanders);
    assertThat(reminders("commander@example.org")).hasSize(2);
    assertThat(managementService.createJobQuery().processInstanceId(commanders.getProcessInstanceId()).count()).isZero();
  }

  /** Moves the engine clock and runs what became due in this person's acknowledgement. */
  private void at(java.time.Instant time, Task task) {
    ClockUtil.setCurrentTime(Date.from(time));
    for (int round = 0; round < 3; round++) {
      for (Job job : managementService.createJobQuery().processInstanceId(task.getProcessInstanceId()).executable().list()) {
        managementService.executeJob(job.getId());
      }
    }
  }

  /** The subjects of the reminders this address got (the test incident's own mails aside). */
  private static List<String> reminders(String address) throws Exception {
    List<String> subjects = new java.util.ArrayList<>();
    for (var mail : TestMailServer.messagesTo(address)) {
      if (mail.getSubject().startsWith("Reminder: read the SOP")) {
        subjects.add(mail.getSubject());
      }
    }
    return subjects;
  }

  private static org.springframework.http.HttpHeaders markdownHeaders() {
    var headers = new org.springframework.http.HttpHeaders();
    headers.setAccept(List.of(org.springframework.http.MediaType.parseMediaType("text/markdown")));
    return headers;
  }

  /** An incident on the latest SOP version: triage completed by the responder, classification by the commander. */
  private String incidentTriagedByResponderAndClassifiedByCommander() {
    Map<String, Object> vars = new java.util.HashMap<>();
    vars.put("title", "Checkout API down");
    vars.put("description", "Customers cannot pay");
    vars.put("service", "checkout-api");
    vars.put("impact", "high");
    vars.put("urgency", "high");
    vars.put("customerImpact", false);
    String id = runtimeService.startProcessInstanceByKey("incident-response", vars).getId();
    for (String[] step : new String[][] {{"Task_TriageIncident", "responder"}, {"Task_ClassifyIncident", "commander"}}) {
      runJobs(id);
      Task task = taskService.createTaskQuery().processInstanceId(id).taskDefinitionKey(step[0]).singleResult();
      taskService.claim(task.getId(), step[1]);
      taskService.complete(task.getId());
    }
    runJobs(id);
    String number = runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult().getBusinessKey();
    runtimeService.deleteProcessInstance(id, "test done");
    return number;
  }

  private void runJobs(String processInstanceId) {
    for (int round = 0; round < 20; round++) {
      List<Job> due = managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  private Task task(String user) {
    return taskService.createTaskQuery().processDefinitionKey(SopAcknowledgement.PROCESS_KEY).taskAssignee(user)
        .singleResult();
  }

  private JsonNode acknowledgements(int version) throws Exception {
    var response = rest.withBasicAuth("owner", "owner").getForEntity("/api/sop/versions/" + version + "/acknowledgements",
        String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return JSON.readTree(response.getBody());
  }

  /** The SOP with "Log incident" relabelled and a change note, deployed as the process owner. */
  private int deployEditedSopAsOwner() throws Exception {
    DeploymentBuilder builder = repositoryService.createDeployment().name("incident-response-sop").source("test");
    String bpmn = Files.readString(Path.of("bpmn/incident-response.bpmn"))
        .replace("name=\"Log incident\"", "name=\"Log the incident\"");
    builder.addInputStream("bpmn/incident-response.bpmn", new ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)));
    builder.addInputStream("bpmn/incident-severity.dmn", Files.newInputStream(Path.of("bpmn/incident-severity.dmn")));
    builder.addInputStream("bpmn/change-note.md", new ByteArrayInputStream(
        "Log incident is now called Log the incident.\n".getBytes(StandardCharsets.UTF_8)));
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        builder.addInputStream("forms/" + form.getFileName(), Files.newInputStream(form));
      }
    }
    identityService.setAuthentication("owner", List.of("process-owners"));
    try {
      deployment = builder.deploy().getId();
    } finally {
      identityService.clearAuthentication();
    }
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey("incident-response").latestVersion()
        .singleResult().getVersion();
  }
}
