package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.incidentresponse.AppTest;
import org.incidentresponse.TestMailServer;
import org.incidentresponse.audit.AuditProperties;
import org.incidentresponse.audit.CamundaIncidentHistory;
import org.incidentresponse.audit.IncidentReadModel;
import org.incidentresponse.audit.ReadModelCheck;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.NotificationRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drives incidents through the real SOP deployment with the demo users, a real SMTP server
 * (GreenMail) and the engine clock: jobs are executed by the test, never by sleeping. The engine
 * is shared with the other {@link AppTest}s: each test runs only its own incidents' jobs, empties
 * the mailboxes before it starts and puts the clock back after it.
 */
@AppTest
abstract class ProcessScenario {

  /** A Monday morning, so business-day due dates are easy to read. */
  static final Instant START = Instant.parse("2026-11-30T10:00:00Z");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired IncidentReadModel readModel;
  @Autowired CamundaIncidentHistory incidentHistory;
  @Autowired AuditProperties auditProperties;

  /** The process instances this test started: the only ones whose jobs it runs. */
  final List<String> incidents = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(START));
    TestMailServer.get().purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /**
   * Each incident of this test has its read model row, equal field by field to what the audit computes
   * from its history at the engine's current time (the list, the filters and the metrics read the row).
   */
  void assertReadModelMatchesHistory() {
    ReadModelCheck check = new ReadModelCheck(readModel, incidentHistory, auditProperties);
    incidents.forEach(check::matchesHistory);
  }

  static Map<String, Object> report(String impact, String urgency, boolean customerImpact) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("title", "Checkout API down");
    vars.put("description", "Customers cannot pay: 502 from /checkout");
    vars.put("service", "checkout-api");
    vars.put("impact", impact);
    vars.put("urgency", urgency);
    vars.put("customerImpact", customerImpact);
    vars.put("externalContacts", customerImpact ? "ops@customer.example" : null);
    vars.put("runbookUrl", "https://runbooks.example.org/checkout");
    return vars;
  }

  ProcessInstance start(Map<String, Object> vars) {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("incident-response", vars);
    incidents.add(instance.getId());
    runDueJobs();
    return instance;
  }

  Task task(ProcessInstance instance, String taskDefinitionKey) {
    List<Task> tasks = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskDefinitionKey).list();
    assertThat(tasks).as("open %s tasks", taskDefinitionKey).hasSize(1);
    return tasks.get(0);
  }

  /** Claims and completes the one open task of that step as the given user, then runs what is due. */
  void complete(ProcessInstance instance, String taskDefinitionKey, String user, Map<String, Object> vars) {
    Task task = task(instance, taskDefinitionKey);
    if (task.getAssignee() == null) {
      taskService.claim(task.getId(), user);
    }
    taskService.complete(task.getId(), vars);
    runDueJobs();
  }

  void complete(ProcessInstance instance, String taskDefinitionKey, String user) {
    complete(instance, taskDefinitionKey, user, Map.of());
  }

  /**
   * Executes every job of this test's incidents that is due at the current engine time, including
   * the ones they create. Other tests' incidents in the shared engine are left alone.
   */
  void runDueJobs() {
    for (int round = 0; round < 100; round++) {
      Date now = new Date(ClockUtil.getCurrentTime().getTime() + 1);
      List<Job> due = incidents.stream()
          .flatMap(id -> managementService.createJobQuery().processInstanceId(id).executable().list().stream())
          .filter(job -> job.getDuedate() == null || job.getDuedate().before(now))
          .toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new AssertionError("jobs keep creating due jobs");
  }

  /** Moves the engine clock forward and executes whatever became due. */
  void advance(Duration duration) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
    runDueJobs();
  }

  List<String> timerActivities(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).timers().list().stream()
        .map(job -> managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
            .singleResult().getActivityId())
        .toList();
  }

  /** Template names of the notifications this incident sent, in order, from its history. */
  List<String> notificationsSent(ProcessInstance instance) {
    return historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName(IncidentVariable.NOTIFICATION.id()).list().stream()
        .sorted(java.util.Comparator.comparing(v -> v.getCreateTime()))
        .map(v -> NotificationRecord.decode(String.valueOf(v.getValue()))
            .orElseThrow(() -> new AssertionError("not a notification record: " + v.getValue())))
        .map(NotificationRecord::template)
        .toList();
  }

  static List<MimeMessage> mailsTo(String address) {
    return TestMailServer.messagesTo(address);
  }

  static String text(MimeMessage message) {
    try {
      return com.icegreen.greenmail.util.GreenMailUtil.getBody(message);
    } catch (RuntimeException e) {
      throw new IllegalStateException(e);
    }
  }

  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A process-level variable, whether the incident is still open or closed. */
  Object variable(ProcessInstance instance, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .activityInstanceIdIn(instance.getId()).variableName(name).list().stream()
        .map(v -> v.getValue()).findFirst().orElse(null);
  }

  /** The response phase: triage, classification (confirming the proposal), team and timeline. */
  void throughTimeline(ProcessInstance instance, boolean workaroundNeeded) {
    complete(instance, "Task_TriageIncident", "responder", Map.of("triageNotes", "Confirmed: 502s on checkout"));
    complete(instance, "Task_ClassifyIncident", "commander");
    complete(instance, "Task_AssignResponseTeam", "commander",
        Map.of("incidentCommander", "commander", "responseTeam", "responder", "communicationsLead", "comms"));
    Map<String, Object> timeline = new HashMap<>();
    timeline.put("workaroundNeeded", workaroundNeeded);
    complete(instance, "Task_EstablishTimeline", "commander", timeline);
  }
}
