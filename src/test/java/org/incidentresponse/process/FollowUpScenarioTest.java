package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.TestMailServer;
import org.incidentresponse.followup.FollowUp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every path of {@code followup/follow-up.bpmn}: the action items of a SEV2 incident's review, each its own
 * follow-up, driven with the engine clock from Monday 30 November 2026 (the review is due Monday 7 December).
 * Done on time; overdue: reminded the day before, then the commander told weekly; won't do accepted;
 * won't do rejected then done; an owner who left; bad action items refused with nothing created.
 */
@Tag("postgres")
class FollowUpScenarioTest extends ProcessScenario {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identityService;

  final List<String> temporaryUsers = new ArrayList<>();

  @AfterEach
  void deleteTemporaryUsers() {
    temporaryUsers.forEach(identityService::deleteUser);
  }

  static Map<String, Object> item(String title, String type, String owner, String dueDate, String ticketUrl) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("title", title);
    item.put("type", type);
    item.put("owner", owner);
    item.put("dueDate", dueDate);
    if (ticketUrl != null) {
      item.put("ticketUrl", ticketUrl);
    }
    return item;
  }

  /** A SEV2 incident resolved and waiting for its review. */
  ProcessInstance reviewDue() {
    ProcessInstance incident = start(report("high", "medium", false));
    assertThat(runtimeService.getVariable(incident.getId(), "severity")).isEqualTo("SEV2");
    throughTimeline(incident, false);
    complete(incident, "Task_ResolveIncident", "responder", Map.of(
        "rootCause", "Expired TLS certificate", "resolutionSummary", "Certificate renewed",
        "followUpActions", "see the review"));
    return incident;
  }

  String number(ProcessInstance incident) {
    return (String) variable(incident, "incidentNumber");
  }

  /** Completes the review with these action items, as Tasklist would send them: a JSON variable. */
  List<ProcessInstance> review(ProcessInstance incident, Object actionItems) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("reviewRootCause", "Certificate expiry was not monitored");
    variables.put("reviewLessonsLearned", "Alert 30 days before expiry");
    variables.put(FollowUp.ACTION_ITEMS, actionItems);
    complete(incident, "Task_ConductPostIncidentReview", "commander", variables);
    List<ProcessInstance> followUps = followUps(incident);
    followUps.forEach(followUp -> incidents.add(followUp.getId()));
    runDueJobs();
    return followUps;
  }

  List<ProcessInstance> followUps(ProcessInstance incident) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
        .processInstanceBusinessKey(number(incident)).list().stream()
        .sorted(java.util.Comparator.comparing(pi -> ((Number) runtimeService.getVariable(pi.getId(), FollowUp.INDEX)).intValue()))
        .toList();
  }

  /** Sets the engine clock to that instant and runs what became due. */
  void at(Instant instant) {
    advance(Duration.between(ClockUtil.getCurrentTime().toInstant(), instant));
  }

  static void purgeMail() throws Exception {
    TestMailServer.get().purgeEmailFromAllMailboxes();
  }

  static Object spinJson(List<Map<String, Object>> items) throws Exception {
    return org.camunda.spin.plugin.variable.SpinValues.jsonValue(JSON.writeValueAsString(items)).create();
  }

  void completeFollowUp(ProcessInstance followUp, String task, String user, Map<String, Object> vars) {
    complete(followUp, task, user, vars);
  }

  static Map<String, Object> done(String link, String note) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(FollowUp.OUTCOME, FollowUp.OUTCOME_DONE);
    vars.put(FollowUp.EVIDENCE_URL, link);
    vars.put(FollowUp.NOTE, note);
    return vars;
  }

  static Map<String, Object> wontDo(String reason) {
    return Map.of(FollowUp.OUTCOME, FollowUp.OUTCOME_WONT_DO, FollowUp.REASON, reason);
  }

  JsonNode api(String path, String user) throws Exception {
    HttpResponse<String> response = get(path, user);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  HttpResponse<String> get(String path, String user) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes()))
        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  List<String> activities(ProcessInstance instance) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
        .map(a -> a.getActivityId()).toList();
  }

  Map<String, Object> row(ProcessInstance incident, int index) {
    return jdbc.queryForMap("SELECT * FROM incident_follow_up WHERE incident_number = ? AND item_index = ?",
        number(incident), index);
  }

  @Test
  void doneOnTime_eachActionItemIsItsOwnFollowUpClosedWithEvidence() throws Exception {
    ProcessInstance incident = reviewDue();
    String number = number(incident);
    List<ProcessInstance> followUps = review(incident, spinJson(List.of(
        item("Alert 30 days before certificate expiry", "detect", "responder", "2026-12-14", "https://tickets.example.org/OPS-1"),
        item("Automate certificate renewal", "prevent", "comms", "2026-12-21", null))));

    BpmnAwareTests.assertThat(incident).isEnded();
    assertThat(followUps).hasSize(2).allSatisfy(f -> assertThat(f.getBusinessKey()).isEqualTo(number));
    Task task = task(followUps.get(0), FollowUp.TASK_COMPLETE);
    assertThat(task.getName()).isEqualTo("Follow-up · " + number + " · Alert 30 days before certificate expiry");
    assertThat(task.getAssignee()).isEqualTo("responder");
    assertThat(task.getDueDate()).isEqualTo(Date.from(Instant.parse("2026-12-15T00:00:00Z")));
    assertThat(task.getDescription()).contains("https://tickets.example.org/OPS-1");
    assertThat(task(followUps.get(1), FollowUp.TASK_COMPLETE).getAssignee()).isEqualTo("comms");
    assertThat(timerActivities(followUps.get(0))).containsExactlyInAnyOrder(FollowUp.TIMER_REMINDER, FollowUp.TIMER_OVERDUE);

    // Done needs an http(s) evidence link: refused with the reason, the task stays open.
    assertThatThrownBy(() -> completeFollowUp(followUps.get(0), FollowUp.TASK_COMPLETE, "responder",
        done("javascript:alert(1)", "")))
        .hasMessageContaining("the evidence link must be an http(s) URL");
    assertThatThrownBy(() -> completeFollowUp(followUps.get(0), FollowUp.TASK_COMPLETE, "responder", done("", "")))
        .hasMessageContaining("done needs a link to the evidence");

    advance(Duration.ofDays(3));
    completeFollowUp(followUps.get(0), FollowUp.TASK_COMPLETE, "responder",
        done("https://git.example.org/ops/alerts/merge_requests/7", "Alert <b>added</b>"));
    BpmnAwareTests.assertThat(followUps.get(0)).isEnded();
    assertThat(activities(followUps.get(0))).containsSubsequence(FollowUp.START, FollowUp.TASK_RECORD,
        FollowUp.TASK_COMPLETE, FollowUp.TASK_CLOSE, FollowUp.END_DONE).doesNotContain(FollowUp.TASK_REVIEW_WONT_DO);
    assertThat(row(incident, 1)).containsEntry("STATUS", "done").containsEntry("CLOSED_BY", "responder")
        .containsEntry("EVIDENCE_URL", "https://git.example.org/ops/alerts/merge_requests/7");
    assertThat(timerActivities(followUps.get(0))).isEmpty();
    assertThat(mailsTo("responder@example.org")).noneSatisfy(mail -> assertThat(subject(mail)).contains("Follow-up"));

    JsonNode items = api("/api/incidents/" + number + "/follow-ups", "auditor");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).path("title").asText()).isEqualTo("Alert 30 days before certificate expiry");
    assertThat(items.get(0).path("type").asText()).isEqualTo("detect");
    assertThat(items.get(0).path("owner").asText()).isEqualTo("responder");
    assertThat(items.get(0).path("dueDate").asText()).isEqualTo("2026-12-14");
    assertThat(items.get(0).path("status").asText()).isEqualTo("done");
    assertThat(items.get(0).path("evidenceUrl").asText()).isEqualTo("https://git.example.org/ops/alerts/merge_requests/7");
    assertThat(items.get(0).path("note").asText()).isEqualTo("Alert <b>added</b>");
    assertThat(items.get(0).path("closedBy").asText()).isEqualTo("responder");
    assertThat(items.get(0).path("closedAt").asText()).isEqualTo("2026-12-03T10:00:00Z");
    assertThat(items.get(0).path("closedOnTime").asBoolean()).isTrue();
    assertThat(items.get(1).path("status").asText()).isEqualTo("open");
    assertThat(items.get(1).path("ticketUrl").isNull()).isTrue();
    assertThat(api("/api/incidents/" + number + "/follow-ups", "commander")).hasSize(2);

    // The audit report shows the same, and the closed incident's open follow-up.
    JsonNode report = api("/api/incidents/" + number + "/report", "auditor");
    assertThat(report.path("statusText").asText()).isEqualTo("closed, 1 follow-up open");
    assertThat(report.path("followUps")).hasSize(2);
    assertThat(report.path("followUps").get(0).path("status").asText()).isEqualTo("done");
    assertThat(report.path("checklist")).anySatisfy(item -> {
      assertThat(item.path("key").asText()).isEqualTo("post-incident-analysis");
      assertThat(item.path("evidence").asText()).contains("follow-ups: 2 (1 done, 1 open)");
    });
    assertThat(report.path("breaches")).noneSatisfy(b -> assertThat(b.path("kind").asText()).startsWith("follow-up"))
        .noneSatisfy(b -> assertThat(b.path("kind").asText()).isEqualTo("review-without-actions"));
    HttpResponse<String> markdown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/incidents/" + number + "/report"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("auditor:auditor".getBytes()))
        .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(markdown.body()).contains("<h2>Follow-ups</h2>").contains("closed, 1 follow-up open")
        .contains("Alert &lt;b&gt;added&lt;/b&gt;").doesNotContain("Alert <b>added</b>");
    assertThat(get("/api/incidents/" + number + "/follow-ups", "responder").statusCode()).isEqualTo(403);
    HttpResponse<String> unknown = get("/api/incidents/INC-1999-0001/follow-ups", "auditor");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    assertThat(unknown.body()).contains("No incident INC-1999-0001");
  }

  @Test
  void overdue_theOwnerIsRemindedADayBeforeThenTheCommanderIsToldEveryWeek() throws Exception {
    ProcessInstance incident = reviewDue();
    String number = number(incident);
    ProcessInstance followUp = review(incident, spinJson(List.of(
        item("Automate certificate <renewal>", "prevent", "responder", "2026-12-14", "https://tickets.example.org/OPS-2"))))
        .get(0);
    purgeMail();

    // Due by the end of 14 December (UTC): reminded at its start, a day before the due time.
    at(Instant.parse("2026-12-13T23:59:00Z"));
    assertThat(mailsTo("responder@example.org")).isEmpty();
    at(Instant.parse("2026-12-14T00:01:00Z"));
    assertThat(mailsTo("responder@example.org")).singleElement().satisfies(mail -> {
      assertThat(subject(mail)).isEqualTo(number + " Follow-up due 2026-12-14: Automate certificate <renewal> — Checkout API down");
      assertThat(text(mail)).contains("due 2026-12-14").contains("https://tickets.example.org/OPS-2")
          .contains("Automate certificate &lt;renewal&gt;");
    });
    assertThat(notificationsSent(followUp)).containsExactly("follow-up-reminder");
    assertThat(api("/api/incidents/" + number + "/follow-ups", "auditor").get(0).path("status").asText()).isEqualTo("open");

    at(Instant.parse("2026-12-14T23:59:00Z"));
    assertThat(mailsTo("commander@example.org")).isEmpty();
    at(Instant.parse("2026-12-15T00:01:00Z"));
    assertThat(api("/api/incidents/" + number + "/follow-ups", "auditor").get(0).path("status").asText()).isEqualTo("overdue");
    assertThat(mailsTo("commander@example.org")).singleElement().satisfies(mail -> {
      assertThat(subject(mail)).isEqualTo(number + " Follow-up overdue since 2026-12-14: Automate certificate <renewal> — Checkout API down");
      assertThat(text(mail)).contains("was due 2026-12-14").contains("worked by responder");
    });
    at(Instant.parse("2026-12-21T23:00:00Z"));
    assertThat(mailsTo("commander@example.org")).hasSize(1);
    at(Instant.parse("2026-12-22T00:01:00Z"));
    assertThat(mailsTo("commander@example.org")).hasSize(2);
    at(Instant.parse("2026-12-29T00:01:00Z"));
    assertThat(mailsTo("commander@example.org")).hasSize(3);
    assertThat(notificationsSent(followUp)).containsExactly("follow-up-reminder", "follow-up-overdue",
        "follow-up-overdue", "follow-up-overdue");
    assertThat(mailsTo("responder@example.org")).hasSize(1);

    // Done late: no more mail.
    completeFollowUp(followUp, FollowUp.TASK_COMPLETE, "responder", done("https://git.example.org/ops/certs/1", null));
    at(Instant.parse("2027-01-06T00:01:00Z"));
    assertThat(mailsTo("commander@example.org")).hasSize(3);
    JsonNode item = api("/api/incidents/" + number + "/follow-ups", "auditor").get(0);
    assertThat(item.path("status").asText()).isEqualTo("done");
    assertThat(item.path("closedOnTime").asBoolean()).isFalse();
    assertThat(activities(followUp)).contains(FollowUp.TIMER_REMINDER, FollowUp.TASK_CHECK_OWNER_REMINDER,
        FollowUp.TASK_REMIND, FollowUp.TIMER_OVERDUE, FollowUp.TASK_CHECK_OWNER_OVERDUE, FollowUp.TASK_ESCALATE,
        FollowUp.END_DONE);
  }

  @Test
  void wontDoAccepted_closedAsWontDoWithTheOwnersReason() throws Exception {
    ProcessInstance incident = reviewDue();
    String number = number(incident);
    ProcessInstance followUp = review(incident, spinJson(List.of(
        item("Rewrite the gateway in Rust", "prevent", "responder", "2027-01-29", null)))).get(0);

    assertThatThrownBy(() -> completeFollowUp(followUp, FollowUp.TASK_COMPLETE, "responder", wontDo(" ")))
        .hasMessageContaining("won't do needs a reason");
    completeFollowUp(followUp, FollowUp.TASK_COMPLETE, "responder", wontDo("Renewal automation covers it"));
    Task review = task(followUp, FollowUp.TASK_REVIEW_WONT_DO);
    assertThat(review.getAssignee()).isEqualTo("commander");
    assertThat(review.getName()).isEqualTo("Review won't do · " + number + " · Rewrite the gateway in Rust");
    assertThat(api("/api/incidents/" + number + "/follow-ups", "auditor").get(0).path("status").asText()).isEqualTo("open");

    completeFollowUp(followUp, FollowUp.TASK_REVIEW_WONT_DO, "commander", Map.of(FollowUp.WONT_DO_DECISION, FollowUp.ACCEPT));
    BpmnAwareTests.assertThat(followUp).isEnded();
    assertThat(activities(followUp)).containsSubsequence(FollowUp.TASK_COMPLETE, FollowUp.TASK_REVIEW_WONT_DO,
        FollowUp.TASK_CLOSE, FollowUp.END_WONT_DO);
    JsonNode item = api("/api/incidents/" + number + "/follow-ups", "auditor").get(0);
    assertThat(item.path("status").asText()).isEqualTo("wont-do");
    assertThat(item.path("note").asText()).isEqualTo("Renewal automation covers it");
    assertThat(item.path("closedBy").asText()).isEqualTo("commander");
    assertThat(item.path("evidenceUrl").isNull()).isTrue();
  }

  @Test
  void wontDoRejected_backToTheOwnerWithTheCommandersCommentThenDone() throws Exception {
    ProcessInstance incident = reviewDue();
    String number = number(incident);
    ProcessInstance followUp = review(incident, JSON.writeValueAsString(List.of(
        item("Page the secondary on certificate alerts", "process", "responder", "2026-12-31", null)))).get(0);

    completeFollowUp(followUp, FollowUp.TASK_COMPLETE, "responder", wontDo("No time"));
    assertThatThrownBy(() -> completeFollowUp(followUp, FollowUp.TASK_REVIEW_WONT_DO, "commander",
        Map.of(FollowUp.WONT_DO_DECISION, FollowUp.REJECT)))
        .hasMessageContaining("a comment is needed to reject");
    completeFollowUp(followUp, FollowUp.TASK_REVIEW_WONT_DO, "commander",
        Map.of(FollowUp.WONT_DO_DECISION, FollowUp.REJECT, FollowUp.WONT_DO_COMMENT, "It caused SEV2 twice: do it"));

    Task again = task(followUp, FollowUp.TASK_COMPLETE);
    assertThat(again.getAssignee()).isEqualTo("responder");
    assertThat(taskService.getVariable(again.getId(), FollowUp.WONT_DO_COMMENT)).isEqualTo("It caused SEV2 twice: do it");
    completeFollowUp(followUp, FollowUp.TASK_COMPLETE, "responder", done("https://wiki.example.org/oncall", "Done"));

    BpmnAwareTests.assertThat(followUp).isEnded();
    assertThat(activities(followUp).stream().filter(FollowUp.TASK_COMPLETE::equals)).hasSize(2);
    assertThat(activities(followUp)).endsWith(FollowUp.END_DONE);
    JsonNode item = api("/api/incidents/" + number + "/follow-ups", "auditor").get(0);
    assertThat(item.path("status").asText()).isEqualTo("done");
    assertThat(item.path("closedBy").asText()).isEqualTo("responder");
  }

  @Test
  void anOwnerWhoLeftHandsTheFollowUpToTheCommanderWhenTheReminderFires() throws Exception {
    User leaver = identityService.newUser("leaver");
    leaver.setEmail("leaver@example.org");
    identityService.saveUser(leaver);
    temporaryUsers.add("leaver");
    ProcessInstance incident = reviewDue();
    String number = number(incident);
    ProcessInstance followUp = review(incident, spinJson(List.of(
        item("Document the renewal", "process", "leaver", "2026-12-10", null)))).get(0);
    assertThat(task(followUp, FollowUp.TASK_COMPLETE).getAssignee()).isEqualTo("leaver");

    identityService.deleteUser("leaver");
    temporaryUsers.remove("leaver");
    purgeMail();
    at(Instant.parse("2026-12-10T00:01:00Z"));

    assertThat(task(followUp, FollowUp.TASK_COMPLETE).getAssignee()).isEqualTo("commander");
    assertThat(mailsTo("commander@example.org")).singleElement()
        .satisfies(mail -> assertThat(subject(mail)).contains("Follow-up due 2026-12-10: Document the renewal"));
    JsonNode item = api("/api/incidents/" + number + "/follow-ups", "auditor").get(0);
    assertThat(item.path("owner").asText()).isEqualTo("leaver");
    assertThat(item.path("assignee").asText()).isEqualTo("commander");
    completeFollowUp(followUp, FollowUp.TASK_COMPLETE, "commander", done("https://wiki.example.org/certs", null));
    assertThat(api("/api/incidents/" + number + "/follow-ups", "auditor").get(0).path("closedBy").asText())
        .isEqualTo("commander");
    // A SEV2 review whose only action item is of type process prevents nothing.
    assertThat(api("/api/incidents/" + number + "/report", "auditor").path("breaches"))
        .anySatisfy(b -> {
          assertThat(b.path("kind").asText()).isEqualTo("review-without-actions");
          assertThat(b.path("description").asText()).isEqualTo("the SEV2 review agreed no action item of type prevent");
        });
  }

  @Test
  void theReportAndTheMetricsCountFollowUpsOnTimeOverdueAndWontDo() throws Exception {
    ProcessInstance incident = reviewDue();
    String number = number(incident);
    // Reviewed on Saturday 5 December, a day no other scenario reviews on: the metrics of that day are these.
    at(Instant.parse("2026-12-05T10:00:00Z"));
    List<ProcessInstance> followUps = review(incident, spinJson(List.of(
        item("Automate renewal", "prevent", "responder", "2026-12-10", null),
        item("Alert on expiry", "detect", "comms", "2026-12-08", null),
        item("Quarterly certificate audit", "process", "responder", "2026-12-20", null))));

    at(Instant.parse("2026-12-07T10:00:00Z"));
    completeFollowUp(followUps.get(0), FollowUp.TASK_COMPLETE, "responder", done("https://git.example.org/certs/2", null));
    at(Instant.parse("2026-12-09T10:00:00Z"));
    completeFollowUp(followUps.get(2), FollowUp.TASK_COMPLETE, "responder", wontDo("The renewal automation covers it"));
    completeFollowUp(followUps.get(2), FollowUp.TASK_REVIEW_WONT_DO, "commander", Map.of(FollowUp.WONT_DO_DECISION, FollowUp.ACCEPT));

    JsonNode report = api("/api/incidents/" + number + "/report", "auditor");
    assertThat(report.path("statusText").asText()).isEqualTo("closed, 1 follow-up open");
    assertThat(report.path("breaches")).filteredOn(b -> b.path("kind").asText().equals("follow-up-overdue"))
        .singleElement().satisfies(b -> assertThat(b.path("description").asText())
            .isEqualTo("follow-up 2 \"Alert on expiry\" (comms) is open past its due date 2026-12-08"));
    assertThat(report.path("incident").path("breachCount").asInt()).isEqualTo(report.path("breaches").size());

    JsonNode metrics = api("/api/incidents/metrics/follow-ups?from=2026-12-05&to=2026-12-05", "commander");
    for (JsonNode figures : List.of(metrics.path("all"), metrics.path("bySeverity").path("SEV2"),
        metrics.path("byService").path("checkout-api"))) {
      assertThat(figures.path("total").asInt()).isEqualTo(3);
      assertThat(figures.path("doneOnTime").asInt()).isEqualTo(1);
      assertThat(figures.path("doneLate").asInt()).isZero();
      assertThat(figures.path("overdue").asInt()).isEqualTo(1);
      assertThat(figures.path("wontDo").asInt()).isEqualTo(1);
      assertThat(figures.path("open").asInt()).isZero();
      assertThat(figures.path("medianDaysToDone").asDouble()).isEqualTo(2.0);
    }
    assertThat(get("/api/incidents/metrics/follow-ups?from=yesterday", "auditor").statusCode()).isEqualTo(400);
  }

  @Test
  void badActionItemsAreRefusedRowByRowAndNothingIsCreated() throws Exception {
    ProcessInstance incident = reviewDue();
    String number = number(incident);
    advance(Duration.ofDays(1));
    Integer rowsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM incident_follow_up WHERE incident_number = ?",
        Integer.class, number);

    assertThatThrownBy(() -> review(incident, spinJson(List.of(
        item("Add expiry alert", "detect", "responder", "2026-12-14", null),
        item("Automate renewal", "prevent", "nobody-here", "2026-12-14", null),
        item("Runbook", "detect", "responder", "2026-11-30", null),
        item("Train people", "blame", "responder", "2026-12-14", null),
        item(" ", "process", "responder", "next week", "file:///etc/passwd")))))
        .hasMessageContaining("action item 2 (Automate renewal): the owner 'nobody-here' is not a user")
        .hasMessageContaining("action item 3 (Runbook): the due date 2026-11-30 is in the past (today is 2026-12-01)")
        .hasMessageContaining("action item 4 (Train people): the type 'blame' is not one of prevent, mitigate, detect, process")
        .hasMessageContaining("action item 5: the title is empty")
        .hasMessageContaining("action item 5: the due date 'next week' is not a date")
        .hasMessageContaining("action item 5: the ticket link must be an http(s) URL")
        .message().doesNotContain("action item 1");
    assertThatThrownBy(() -> review(incident, "{\"title\": \"not a list\"}"))
        .hasMessageContaining("actionItems must be a list of action items");

    assertThat(task(incident, "Task_ConductPostIncidentReview")).as("the review is still open").isNotNull();
    assertThat(followUps(incident)).isEmpty();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident_follow_up WHERE incident_number = ?",
        Integer.class, number)).isEqualTo(rowsBefore).isZero();
    assertThat(api("/api/incidents/" + number + "/follow-ups", "auditor")).isEmpty();
  }
}
