package org.incidentresponse.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.incidentresponse.TestMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app on a random port with the demo users, shared by the audit's REST and browser tests (one
 * Spring context): incidents are driven through the real SOP by executing its jobs here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
abstract class AuditWebTestBase {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired AuthorizationService authorizationService;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    TestMailServer.register(registry);
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  /**
   * Auditors' read access to Cockpit. The identity feature declares these as data; until it is
   * merged the test grants them itself, only when they are missing.
   */
  void grantAuditorsCockpitAccess() {
    grant(Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
    grant(Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
    grant(Resources.PROCESS_INSTANCE, "*", Permissions.READ);
  }

  private void grant(Resource resource, String resourceId, Permission... permissions) {
    boolean present = authorizationService.createAuthorizationQuery().groupIdIn("auditors").resourceType(resource)
        .resourceId(resourceId).list().stream()
        .anyMatch(a -> a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT
            && List.of(permissions).stream().allMatch(a::isPermissionGranted));
    if (!present) {
      Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId("auditors");
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
      for (Permission permission : permissions) {
        authorization.addPermission(permission);
      }
      authorizationService.saveAuthorization(authorization);
    }
  }

  static Map<String, Object> incident(String title, String service, String impact, String urgency) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("title", title);
    vars.put("description", "Reported by the audit tests");
    vars.put("service", service);
    vars.put("impact", impact);
    vars.put("urgency", urgency);
    vars.put("customerImpact", false);
    vars.put("reporter", "responder");
    return vars;
  }

  ProcessInstance start(Map<String, Object> vars) {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("incident-response", vars);
    runJobs();
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
    runJobs();
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
      complete(instance, "Task_ConductPostIncidentReview", "commander", Map.of("reviewLessonsLearned",
          "Monitor expiry", "reviewActionItems", "Expiry alert — responder — 2026-12-31"));
    }
    if (runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count() != 0) {
      throw new AssertionError(number + " did not close");
    }
    return number;
  }

  /** Executes the jobs that are due now (the test profile has no job executor). */
  void runJobs() {
    for (int round = 0; round < 50; round++) {
      Date now = new Date(ClockUtil.getCurrentTime().getTime() + 1);
      List<Job> due = managementService.createJobQuery().executable().list().stream()
          .filter(job -> job.getDuedate() == null || job.getDuedate().before(now)).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  HttpResponse<String> get(String path, String accept, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
        .header("Accept", accept).GET();
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
