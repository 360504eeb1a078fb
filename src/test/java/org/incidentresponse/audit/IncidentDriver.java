package org.incidentresponse.audit;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Drives incidents through the real SOP for the audit's web tests: the demo users do the work, the test runs the jobs. */
final class IncidentDriver {

  private final ProcessEngine engine;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;

  IncidentDriver(ProcessEngine engine) {
    this.engine = engine;
    this.runtimeService = engine.getRuntimeService();
    this.taskService = engine.getTaskService();
    this.managementService = engine.getManagementService();
  }

  ProcessInstance start(Map<String, Object> vars) {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("incident-response", vars);
    runJobs(instance);
    return instance;
  }

  String number(ProcessInstance instance) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getBusinessKey();
  }

  /** Claims and completes the one open task of a step as the user, authenticated as Tasklist would be. */
  void complete(ProcessInstance instance, String step, String user, Map<String, Object> vars) {
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(step).singleResult();
    if (task == null) {
      throw new AssertionError("no open " + step);
    }
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
    runJobs(instance);
  }

  /** Through the whole SOP to closure, on time: triage, classification, team, timeline, resolution, review. */
  String closeIncident(Map<String, Object> report) {
    ProcessInstance instance = start(report);
    String number = number(instance);
    complete(instance, "Task_TriageIncident", "responder", Map.of("triageNotes", "Confirmed"));
    complete(instance, "Task_ClassifyIncident", "commander", Map.of());
    complete(instance, "Task_AssignResponseTeam", "commander",
        Map.of("incidentCommander", "commander", "responseTeam", "responder", "communicationsLead", "comms"));
    complete(instance, "Task_EstablishTimeline", "commander", Map.of("workaroundNeeded", false));
    complete(instance, "Task_ResolveIncident", "responder", Map.of("rootCause", "Expired certificate",
        "resolutionSummary", "Renewed", "followUpActions", "Automate renewal — responder"));
    if (taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_DecideReview").count() > 0) {
      complete(instance, "Task_DecideReview", "commander", Map.of("reviewWanted", false,
          "reviewDecisionReason", "Minor"));
    } else {
      complete(instance, "Task_ConductPostIncidentReview", "commander", review());
    }
    if (runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count() != 0) {
      throw new AssertionError(number + " did not close");
    }
    return number;
  }

  /** The review form as Tasklist submits it: text fields as Strings, the action items as a Json variable. */
  static Map<String, Object> review() {
    Map<String, Object> review = new java.util.HashMap<>();
    review.put("reviewSummary", "The certificate expired; renewed within the hour.");
    review.put("reviewImpactDuration", "40 min");
    review.put("reviewAffected", "Checkout customers, about 300");
    review.put("reviewTrigger", "Certificate expiry");
    review.put("reviewRootCause", "Expiry was not monitored");
    review.put("reviewDetection", "person");
    review.put("reviewDetectionDetails", "A responder saw the errors");
    review.put("reviewResolution", "Renewed");
    review.put("reviewWentWell", "Fast renewal");
    review.put("reviewWentBadly", "No alert");
    review.put("reviewLucky", "Low traffic");
    // Due dates ahead of the engine clock, which is the real time here: a fixed date would be refused once past.
    java.time.LocalDate today = java.time.LocalDate.ofInstant(
        org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(), java.time.ZoneOffset.UTC);
    review.put("actionItems", org.camunda.spin.plugin.variable.SpinValues.jsonValue(
        ACTION_ITEMS.formatted(today.plusDays(25), today.plusDays(40))).create());
    return review;
  }

  /** One harmless and one hostile action item; their due dates are filled in. */
  static final String ACTION_ITEMS = "[{\"title\":\"Expiry alert\",\"type\":\"detect\",\"owner\":\"responder\","
      + "\"dueDate\":\"%s\"},{\"title\":\"*x* <script>alert(1)</script>\",\"type\":\"prevent\","
      + "\"owner\":\"commander\",\"dueDate\":\"%s\",\"ticketUrl\":\"https://tickets.example.org/OPS-9?q=*x*_(y)\"}]";

  /**
   * Executes the incident's jobs that are due now, and those they create (the test profile has no
   * job executor). Other incidents in the shared engine are left alone.
   */
  void runJobs(ProcessInstance instance) {
    for (int round = 0; round < 50; round++) {
      Date now = new Date(ClockUtil.getCurrentTime().getTime() + 1);
      List<Job> due = managementService.createJobQuery().processInstanceId(instance.getId()).executable().list()
          .stream().filter(job -> job.getDuedate() == null || job.getDuedate().before(now)).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new AssertionError("the jobs of " + instance.getId() + " still create due jobs after 50 rounds: "
        + managementService.createJobQuery().processInstanceId(instance.getId()).executable().list());
  }
}
