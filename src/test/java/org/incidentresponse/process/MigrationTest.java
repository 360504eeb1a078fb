package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.versions.SopVersions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Moving running incidents to a new SOP version through {@code /api/sop}: the versions with their
 * running incidents, a dry run that changes nothing, the migration recorded with who did it, and the
 * migrated incidents continuing on the new version. Only process owners and admins may.
 */
@Tag("postgres")
class MigrationTest extends ProcessScenario {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;

  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void backToTheShippedSop() {
    // Other tests start incidents on the latest version: the SOP as shipped.
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  /**
   * One request moves three incidents waiting at each kind of step: at triage (the acknowledgement
   * wait counting), inside the response (the next update and the target resolution time), and at the
   * review, whose overdue reminder had already become due when the owner migrated. Each keeps its
   * variables, history and timers, continues on the new version to closure, and its audit shows
   * the migration.
   */
  @Test
  void ownersMigrateIncidentsAtTriageInTheResponseAndAtTheReviewAfterADryRun() throws Exception {
    ProcessDefinition shipped = latest();
    // At the review: resolved on Monday, the review due three days later and not yet held.
    ProcessInstance atReview = start(report("high", "high", false));
    throughTimeline(atReview, false);
    resolve(atReview);
    java.util.Date reviewDue = task(atReview, "Task_ConductPostIncidentReview").getDueDate();
    assertThat(timerActivities(atReview)).containsOnly("Timer_ReviewOverdue");
    assertThat(timerDue(atReview, "Timer_ReviewOverdue")).isEqualTo(reviewDue);
    // The review became overdue while nobody's job executor ran its reminder yet: the clock is moved,
    // the reminder's job is due and waiting.
    incidents.remove(atReview.getId());
    ClockUtil.setCurrentTime(new java.util.Date(reviewDue.getTime() + Duration.ofHours(1).toMillis()));
    assertThat(notificationsSent(atReview)).doesNotContain("review-overdue");

    ProcessInstance atTriage = start(report("high", "high", false));
    ProcessInstance inResponse = start(report("high", "high", false));
    throughTimeline(inResponse, false);
    assertThat(timerActivities(atTriage)).contains("Timer_AcknowledgementTimeout");
    java.util.Date acknowledgementDue = timerDue(atTriage, "Timer_AcknowledgementTimeout");
    java.util.Date updateDue = timerDue(inResponse, "Timer_StakeholderUpdateDue");
    java.util.Date targetDue = timerDue(inResponse, "Timer_TargetResolutionBreached");
    List<String> historyBefore = passed(atReview);
    ProcessDefinition edited = deployEditedSop();

    JsonNode versions = JSON.readTree(as("owner").getForObject("/api/sop/versions", String.class));
    assertThat(versions.findValuesAsText("version")).contains(String.valueOf(shipped.getVersion()),
        String.valueOf(edited.getVersion()));
    assertThat(version(versions, shipped.getVersion()).path("runningIncidents").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(version(versions, edited.getVersion()).path("runningIncidents").asLong()).isZero();

    String body = """
        {"from": %d, "to": %d, "incidents": ["%s", "%s", "%s"], "dryRun": %s}""";
    // The dry run: all three could move, and nothing moved.
    JsonNode dryRun = post("owner", body.formatted(shipped.getVersion(), edited.getVersion(), atTriage.getId(),
        inResponse.getId(), atReview.getId(), true));
    assertThat(dryRun.path("incidents")).hasSize(3)
        .allSatisfy(outcome -> assertThat(outcome.path("reasons")).as(outcome.toString()).isEmpty())
        .allSatisfy(outcome -> assertThat(outcome.path("migrated").asBoolean()).isFalse());
    for (ProcessInstance incident : List.of(atTriage, inResponse, atReview)) {
      assertThat(definitionOf(incident)).isEqualTo(shipped.getId());
    }

    // Responders and auditors cannot migrate.
    for (String user : List.of("responder", "auditor")) {
      ResponseEntity<String> refused = as(user).postForEntity("/api/sop/migrations",
          json(body.formatted(shipped.getVersion(), edited.getVersion(), atTriage.getId(), inResponse.getId(),
              atReview.getId(), false)),
          String.class);
      assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(as("responder").getForEntity("/api/sop/versions", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    JsonNode migrated = post("owner", body.formatted(shipped.getVersion(), edited.getVersion(), atTriage.getId(),
        inResponse.getId(), atReview.getId(), false));
    java.util.Date migratedAt = ClockUtil.getCurrentTime();
    // Both requests are stored as they ran, the dry run marked as one.
    JsonNode stored = get("owner", "/api/sop/migrations/" + migrated.path("id").asText());
    assertThat(stored.path("dryRun").asBoolean()).isFalse();
    assertThat(stored.path("from").asInt()).isEqualTo(shipped.getVersion());
    assertThat(stored.path("to").asInt()).isEqualTo(edited.getVersion());
    assertThat(stored.path("migratedBy").asText()).isEqualTo("owner");
    assertThat(stored.path("requestedAt").asText()).isEqualTo(migrated.path("requestedAt").asText());
    assertThat(stored.path("incidents")).isEqualTo(migrated.path("incidents"));
    assertThat(get("owner", "/api/sop/migrations/" + dryRun.path("id").asText()).path("dryRun").asBoolean()).isTrue();
    assertThat(get("owner", "/api/sop/migrations").findValuesAsText("id"))
        .contains(migrated.path("id").asText(), dryRun.path("id").asText());
    assertThat(as("auditor").getForEntity("/api/sop/migrations/" + migrated.path("id").asText(), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> unknown = as("owner").getForEntity("/api/sop/migrations/no-such-id", String.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody()).contains("No SOP migration no-such-id");
    assertThat(migrated.path("migratedBy").asText()).isEqualTo("owner");
    assertThat(migrated.path("incidents")).hasSize(3).allSatisfy(outcome -> assertThat(outcome.path("migrated")
        .asBoolean()).as(outcome.toString()).isTrue());
    for (ProcessInstance incident : List.of(atTriage, inResponse, atReview)) {
      assertThat(definitionOf(incident)).isEqualTo(edited.getId());
    }
    // The audit's read model follows, in the migration's transaction: version and versions run on.
    for (ProcessInstance incident : List.of(atTriage, inResponse, atReview)) {
      assertThat(readModel.find(incident.getId()).orElseThrow().summary()).satisfies(summary -> {
        assertThat(summary.sopVersion()).isEqualTo(edited.getVersion());
        assertThat(summary.sopVersions()).containsExactly(shipped.getVersion(), edited.getVersion());
      });
    }
    assertReadModelMatchesHistory();
    // Who migrated which incident, from which version to which, and when: in each incident's history.
    for (ProcessInstance incident : List.of(atTriage, inResponse, atReview)) {
      assertThat(taskService.getProcessInstanceComments(incident.getId())).singleElement().satisfies(comment -> {
        assertThat(comment.getFullMessage())
            .isEqualTo(SopVersions.migrationNote(shipped.getVersion(), edited.getVersion()));
        assertThat(comment.getUserId()).isEqualTo("owner");
        assertThat(comment.getTime()).isEqualTo(migratedAt);
      });
    }
    // The audit shows it: each incident's timeline and report name the migration and both versions.
    for (ProcessInstance incident : List.of(atTriage, inResponse, atReview)) {
      assertAuditShowsMigration(incident, shipped, edited, migratedAt);
    }
    assertThat(historyService.createUserOperationLogQuery().processDefinitionId(shipped.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_MIGRATE).list())
        .isNotEmpty().allSatisfy(entry -> assertThat(entry.getUserId()).isEqualTo("owner"));

    // Each keeps its variables, its history and its timers: the new version changed no timer, so none
    // restarts (the on-call person's wait keeps counting from the page) and none moves.
    for (ProcessInstance incident : List.of(atTriage, inResponse, atReview)) {
      assertThat(variable(incident, "title")).isEqualTo("Checkout API down");
      assertThat(variable(incident, "severity")).isEqualTo("SEV1");
    }
    assertThat(passed(atReview)).containsAll(historyBefore);
    assertThat(timerDue(atTriage, "Timer_AcknowledgementTimeout")).isEqualTo(acknowledgementDue);
    assertThat(timerDue(inResponse, "Timer_StakeholderUpdateDue")).isEqualTo(updateDue);
    assertThat(timerDue(inResponse, "Timer_TargetResolutionBreached")).isEqualTo(targetDue);
    assertThat(timerDue(atReview, "Timer_ReviewOverdue")).isEqualTo(reviewDue);

    // The reminder that was already due fires at once on the new version, and the next one a day later.
    incidents.add(atReview.getId());
    runDueJobs();
    assertThat(notificationsSent(atReview).stream().filter("review-overdue"::equals)).hasSize(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(atReview.getId())
        .activityId("Task_RemindReviewOverdue").singleResult().getProcessDefinitionId()).isEqualTo(edited.getId());
    assertThat(timerDue(atReview, "Timer_ReviewOverdue"))
        .isEqualTo(new java.util.Date(reviewDue.getTime() + Duration.ofDays(1).toMillis()));

    // And each continues on the new version to closure.
    throughTimeline(atTriage, false);
    for (ProcessInstance incident : List.of(atTriage, inResponse)) {
      resolve(incident);
    }
    for (ProcessInstance incident : List.of(atTriage, inResponse, atReview)) {
      completeReview(incident);
      HistoricProcessInstance closed = historyService.createHistoricProcessInstanceQuery()
          .processInstanceId(incident.getId()).singleResult();
      assertThat(closed.getState()).as("incident closed").isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
      assertThat(closed.getProcessDefinitionVersion()).isEqualTo(edited.getVersion());
      assertThat(closed.getProcessDefinitionId()).isEqualTo(edited.getId());
      assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(incident.getId())
          .activityId("EndEvent_IncidentClosed").singleResult().getProcessDefinitionId()).isEqualTo(edited.getId());
      assertThat(passed(incident)).contains("Task_LogIncident", "Task_TriageIncident", "Task_ResolveIncident",
          "Task_ConductPostIncidentReview", "EndEvent_IncidentClosed");
    }
    assertThat(notificationsSent(atReview)).endsWith("closed");
    assertReadModelMatchesHistory();
  }

  /**
   * A new version that changes a timer: the review reminder every two days instead of every day.
   * The migrated incident's reminder follows the new policy, while an incident left on the old
   * version keeps reminding daily.
   */
  @Test
  void aMigratedIncidentsTimerFollowsTheNewVersionsTimerDefinition() throws Exception {
    ProcessDefinition shipped = latest();
    ProcessInstance moved = start(report("high", "high", false));
    ProcessInstance left = start(report("high", "high", false));
    for (ProcessInstance incident : List.of(moved, left)) {
      throughTimeline(incident, false);
      resolve(incident);
    }
    java.util.Date reviewDue = task(moved, "Task_ConductPostIncidentReview").getDueDate();
    ProcessDefinition everyTwoDays = deployEditedSop(bpmn -> bpmn.replace("R/${reviewDueAt}/P1D", "R/${reviewDueAt}/P2D"));

    JsonNode report = post("owner", """
        {"from": %d, "to": %d, "incidents": ["%s"], "dryRun": false}""".formatted(shipped.getVersion(),
        everyTwoDays.getVersion(), moved.getId()));
    assertThat(outcome(report, moved).path("migrated").asBoolean()).as(report.toString()).isTrue();
    assertThat(definitionOf(moved)).isEqualTo(everyTwoDays.getId());
    assertThat(definitionOf(left)).isEqualTo(shipped.getId());
    // The first reminder is still at the due date: the new cycle starts there too.
    assertThat(timerDue(moved, "Timer_ReviewOverdue")).isEqualTo(reviewDue);

    ClockUtil.setCurrentTime(new java.util.Date(reviewDue.getTime() + Duration.ofMinutes(1).toMillis()));
    runDueJobs();
    assertThat(reminders(moved)).isOne();
    assertThat(reminders(left)).isOne();
    assertThat(timerDue(moved, "Timer_ReviewOverdue"))
        .isEqualTo(new java.util.Date(reviewDue.getTime() + Duration.ofDays(2).toMillis()));
    advance(Duration.ofDays(1));
    assertThat(reminders(moved)).as("no reminder a day later on the new version").isOne();
    assertThat(reminders(left)).as("the old version reminds daily").isEqualTo(2);
    advance(Duration.ofDays(1));
    assertThat(reminders(moved)).isEqualTo(2);
    assertThat(reminders(left)).isEqualTo(3);

    completeReview(moved);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(moved.getId()).singleResult()
        .getProcessDefinitionVersion()).isEqualTo(everyTwoDays.getVersion());
  }

  private long reminders(ProcessInstance incident) {
    return notificationsSent(incident).stream().filter("review-overdue"::equals).count();
  }

  private void assertAuditShowsMigration(ProcessInstance incident, ProcessDefinition from, ProcessDefinition to,
      java.util.Date at) throws IOException {
    String number = historyService.createHistoricProcessInstanceQuery().processInstanceId(incident.getId())
        .singleResult().getBusinessKey();
    HttpHeaders accept = new HttpHeaders();
    accept.setAccept(List.of(MediaType.APPLICATION_JSON));
    JsonNode audit = JSON.readTree(as("auditor").exchange("/api/incidents/" + number + "/report",
        org.springframework.http.HttpMethod.GET, new HttpEntity<>(accept), String.class).getBody());
    assertThat(audit.path("incident").path("sopVersions").toString())
        .isEqualTo("[" + from.getVersion() + "," + to.getVersion() + "]");
    JsonNode entry = null;
    for (JsonNode e : audit.path("timeline")) {
      if (e.path("kind").asText().equals("sop-migration")) {
        entry = e;
      }
    }
    assertThat(entry).as(audit.path("timeline").toString()).isNotNull();
    assertThat(entry.path("title").asText()).isEqualTo(SopVersions.migrationNote(from.getVersion(), to.getVersion()));
    assertThat(entry.path("actor").asText()).isEqualTo("owner");
    assertThat(java.time.OffsetDateTime.parse(entry.path("time").asText()).toInstant()).isEqualTo(at.toInstant());
  }

  private void resolve(ProcessInstance incident) {
    complete(incident, "Task_ResolveIncident", "responder", Map.of("rootCause", "Expired certificate",
        "resolutionSummary", "Certificate renewed", "followUpActions", "Automate renewal"));
  }

  /**
   * The review, by the commander (SEV1: mandatory, and theirs), with the fields the review asks
   * for; the incident then closes.
   */
  private void completeReview(ProcessInstance incident) {
    complete(incident, "Task_ConductPostIncidentReview", "commander", Map.of("reviewTimeline", "10:00 alert",
        "reviewRootCause", "Expiry not monitored", "reviewWentWell", "Failover", "reviewWentBadly", "No owner",
        "reviewLessonsLearned", "Alert early", "reviewActionItems", "Expiry alert"));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(incident.getId()).count())
        .as("incident closed").isZero();
  }

  private java.util.Date timerDue(ProcessInstance incident, String activityId) {
    return managementService.createJobQuery().processInstanceId(incident.getId()).timers().list().stream()
        .filter(job -> activityId.equals(managementService.createJobDefinitionQuery()
            .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId()))
        .map(org.camunda.bpm.engine.runtime.Job::getDuedate).findFirst()
        .orElseThrow(() -> new AssertionError("no timer " + activityId + " in " + timerActivities(incident)));
  }

  /** The steps this incident passed or is at, from its history. */
  private List<String> passed(ProcessInstance incident) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(incident.getId()).list().stream()
        .map(org.camunda.bpm.engine.history.HistoricActivityInstance::getActivityId).toList();
  }

  @Test
  void anIncidentThatCannotBeMappedIsReportedAndLeftAsItWasWhileTheOthersMove() throws Exception {
    ProcessDefinition shipped = latest();
    // A version with a new optional step, which the shipped SOP does not have.
    ProcessDefinition withExtraStep = deployEditedSop(bpmn -> bpmn.replace("</bpmn:process>", """
          <bpmn:userTask id="Task_CallSupplier" name="Call the supplier" camunda:formRef="triage-incident" camunda:formRefBinding="deployment" camunda:candidateGroups="responders" />
        </bpmn:process>"""));
    ProcessInstance atTriage = start(report("high", "high", false));
    ProcessInstance callingSupplier = runtimeService.createProcessInstanceById(withExtraStep.getId())
        .startBeforeActivity("Task_CallSupplier").setVariables(report("low", "low", false)).execute();
    incidents.add(callingSupplier.getId());
    assertThat(definitionOf(atTriage)).isEqualTo(withExtraStep.getId());

    JsonNode report = post("owner", """
        {"from": %d, "to": %d, "dryRun": false}""".formatted(withExtraStep.getVersion(), shipped.getVersion()));
    JsonNode moved = outcome(report, atTriage);
    JsonNode stuck = outcome(report, callingSupplier);
    assertThat(moved.path("migrated").asBoolean()).as(moved.toString()).isTrue();
    assertThat(stuck.path("migrated").asBoolean()).isFalse();
    assertThat(stuck.path("reasons").toString()).contains("Task_CallSupplier");
    assertThat(definitionOf(atTriage)).isEqualTo(shipped.getId());
    assertThat(definitionOf(callingSupplier)).isEqualTo(withExtraStep.getId());
    assertThat(taskService.createTaskQuery().processInstanceId(callingSupplier.getId()).taskDefinitionKey("Task_CallSupplier")
        .count()).isOne();
    assertThat(taskService.getProcessInstanceComments(callingSupplier.getId())).isEmpty();
    // The stored report keeps the failure and its reason.
    JsonNode stored = outcome(get("owner", "/api/sop/migrations/" + report.path("id").asText()), callingSupplier);
    assertThat(stored.path("migrated").asBoolean()).isFalse();
    assertThat(stored.path("reasons").toString()).contains("Task_CallSupplier");
  }

  @Test
  void theDiffNamesActivitiesFormsAndDecisionsAddedRemovedOrChanged() throws Exception {
    ProcessDefinition shipped = latest();
    ProcessDefinition edited = deployEditedSop(bpmn -> bpmn.replace("name=\"Log incident\"", "name=\"Log the incident\"")
            .replace("R/${reviewDueAt}/P1D", "R/${reviewDueAt}/P2D")
            .replace("</bpmn:process>", """
              <bpmn:userTask id="Task_CallSupplier" name="Call the supplier" camunda:formRef="triage-incident" camunda:formRefBinding="deployment" camunda:candidateGroups="responders" />
            </bpmn:process>"""),
        Map.of("forms/triage-incident.form", form -> form.replaceFirst("\"components\": \\[",
                "\"components\": [{\"type\": \"textfield\", \"key\": \"supplierTicket\", \"label\": \"Supplier ticket\"},"),
            "bpmn/incident-severity.dmn", dmn -> dmn.replace("<text>\"PT5M\"</text>", "<text>\"PT10M\"</text>")));

    JsonNode diff = get("owner", "/api/sop/diff?from=" + shipped.getVersion() + "&to=" + edited.getVersion());
    JsonNode log = change(diff.path("activities"), "Task_LogIncident");
    assertThat(log.path("change").asText()).isEqualTo("changed");
    assertThat(log.path("details").toString()).contains("name: \\\"Log incident\\\" → \\\"Log the incident\\\"");
    assertThat(change(diff.path("activities"), "Task_CallSupplier").path("change").asText()).isEqualTo("added");
    // Nothing else: unchanged steps are not listed.
    assertThat(diff.path("activities")).as(diff.toString()).hasSize(3);
    JsonNode reviewTimer = null;
    for (JsonNode c : diff.path("activities")) {
      if (c.path("details").toString().contains("P2D")) {
        reviewTimer = c;
      }
    }
    assertThat(reviewTimer).as(diff.toString()).isNotNull();
    assertThat(reviewTimer.path("details").toString()).contains("timer: \\\"R/${reviewDueAt}/P1D\\\" → \\\"R/${reviewDueAt}/P2D\\\"");
    JsonNode form = change(diff.path("forms"), "triage-incident.form");
    assertThat(form.path("change").asText()).isEqualTo("changed");
    assertThat(form.path("details").toString()).contains("field supplierTicket added");
    assertThat(diff.path("forms")).hasSize(1);
    JsonNode policy = change(diff.path("decisions"), "severity-policy");
    assertThat(policy.path("change").asText()).isEqualTo("changed");
    assertThat(diff.path("decisions")).hasSize(1);
    // Backwards, the new step is removed.
    JsonNode back = get("owner", "/api/sop/diff?from=" + edited.getVersion() + "&to=" + shipped.getVersion());
    assertThat(change(back.path("activities"), "Task_CallSupplier").path("change").asText()).isEqualTo("removed");
    assertThat(change(back.path("forms"), "triage-incident.form").path("details").toString())
        .contains("field supplierTicket removed");
    // A version compared with itself: nothing.
    JsonNode same = get("owner", "/api/sop/diff?from=" + shipped.getVersion() + "&to=" + shipped.getVersion());
    assertThat(same.path("activities")).isEmpty();
    assertThat(same.path("forms")).isEmpty();
    assertThat(same.path("decisions")).isEmpty();
    assertThat(as("responder").getForEntity("/api/sop/diff?from=1&to=1", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("owner").getForEntity("/api/sop/diff?from=9999&to=1", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private static JsonNode change(JsonNode changes, String id) {
    for (JsonNode c : changes) {
      if (c.path("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no change of " + id + " in " + changes);
  }

  private JsonNode get(String user, String path) throws IOException {
    ResponseEntity<String> response = as(user).getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return JSON.readTree(response.getBody());
  }

  @Test
  void anUnknownVersionIsABadRequest() {
    ResponseEntity<String> response = as("owner").postForEntity("/api/sop/migrations",
        json("{\"from\": 9999, \"dryRun\": true}"), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("the SOP has no version 9999");
  }

  private JsonNode post(String user, String body) throws IOException {
    ResponseEntity<String> response = as(user).postForEntity("/api/sop/migrations", json(body), String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return JSON.readTree(response.getBody());
  }

  private static JsonNode outcome(JsonNode report, ProcessInstance incident) {
    for (JsonNode outcome : report.path("incidents")) {
      if (outcome.path("processInstanceId").asText().equals(incident.getId())) {
        return outcome;
      }
    }
    throw new AssertionError("incident " + incident.getId() + " not in " + report);
  }

  private static JsonNode version(JsonNode versions, int version) {
    for (JsonNode v : versions) {
      if (v.path("version").asInt() == version) {
        return v;
      }
    }
    throw new AssertionError("no version " + version + " in " + versions);
  }

  private String definitionOf(ProcessInstance instance) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getProcessDefinitionId();
  }

  /** The SOP of the repository with a relabelled step, deployed as a new version. */
  private ProcessDefinition deployEditedSop() throws IOException {
    return deployEditedSop(bpmn -> bpmn.replace("name=\"Log incident\"", "name=\"Log the incident\""));
  }

  private ProcessDefinition deployEditedSop(java.util.function.UnaryOperator<String> edit) throws IOException {
    return deployEditedSop(edit, Map.of());
  }

  /** The SOP of the repository with its BPMN edited, and other files edited by name, deployed as a new version. */
  private ProcessDefinition deployEditedSop(java.util.function.UnaryOperator<String> edit,
      Map<String, java.util.function.UnaryOperator<String>> files) throws IOException {
    DeploymentBuilder builder = repositoryService.createDeployment().name("incident-response-sop").source("test");
    String bpmn = edit.apply(Files.readString(Path.of("bpmn/incident-response.bpmn")));
    builder.addInputStream("bpmn/incident-response.bpmn", new ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)));
    List<Path> others = new ArrayList<>(List.of(Path.of("bpmn/incident-severity.dmn")));
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      others.addAll(forms.map(form -> Path.of("forms", form.getFileName().toString())).toList());
    }
    for (Path file : others) {
      String name = file.toString().replace('\\', '/');
      String text = files.getOrDefault(name, t -> t).apply(Files.readString(file));
      builder.addInputStream(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
    deployments.add(builder.deploy().getId());
    return latest();
  }

  private ProcessDefinition latest() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey("incident-response").latestVersion()
        .singleResult();
  }

  private TestRestTemplate as(String user) {
    return rest.withBasicAuth(user, user);
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
