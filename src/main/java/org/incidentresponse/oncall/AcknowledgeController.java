package org.incidentresponse.oncall;

import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.SopActivity;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.beans.factory.annotation.Value;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import org.camunda.bpm.engine.identity.Group;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The Acknowledge link of a page, made to be opened on a phone at 3 a.m.: GET only shows what would
 * be acknowledged and a button (so mail scanners that follow links acknowledge nothing), POST claims
 * the triage task for the paged user, recorded like a claim in Tasklist (user operation log, the
 * acknowledgement listener). A used, expired or forged link gets a page that says so and changes nothing.
 */
@Controller
@RequestMapping(AcknowledgeLinks.PATH + "{token}")
class AcknowledgeController {

  private final AcknowledgeLinks links;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final String tasklistUrl;
  private final TemplateEngine templates = templates();

  AcknowledgeController(AcknowledgeLinks links, TaskService taskService, RuntimeService runtimeService,
      IdentityService identityService, @Value("${incident-response.notifications.app-url:}") String appUrl) {
    this.links = links;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.tasklistUrl = appUrl + "/app/tasklist/default/";
  }

  @GetMapping
  ResponseEntity<String> confirm(@PathVariable String token) {
    Map<String, Object> model = new HashMap<>();
    AcknowledgeLinks.Check check = links.check(token, now());
    if (check.outcome() != AcknowledgeLinks.Outcome.VALID) {
      return refused(check, model);
    }
    Task triage = openTriage(check.processInstanceId());
    if (triage == null || triage.getAssignee() != null) {
      return page(model, HttpStatus.CONFLICT, "taken", check.processInstanceId(),
          triage == null ? null : triage.getAssignee());
    }
    model.put("user", check.user());
    return page(model, HttpStatus.OK, "confirm", check.processInstanceId(), null);
  }

  @PostMapping
  @Transactional
  ResponseEntity<String> acknowledge(@PathVariable String token) {
    Map<String, Object> model = new HashMap<>();
    Instant now = now();
    AcknowledgeLinks.Check check = links.check(token, now);
    if (check.outcome() != AcknowledgeLinks.Outcome.VALID) {
      return refused(check, model);
    }
    Task triage = openTriage(check.processInstanceId());
    if (triage == null || triage.getAssignee() != null
        || runtimeService.getVariable(check.processInstanceId(), IncidentVariable.ACKNOWLEDGED_BY.id()) != null) {
      return page(model, HttpStatus.CONFLICT, "taken", check.processInstanceId(),
          triage == null ? null : triage.getAssignee());
    }
    if (!links.use(check.id(), now)) {
      return page(model, HttpStatus.CONFLICT, "used", null, check.user());
    }
    // As the paged user: the claim is recorded in history under their name, as in Tasklist.
    List<String> groups = identityService.createGroupQuery().groupMember(check.user()).list().stream().map(Group::getId).toList();
    identityService.setAuthentication(check.user(), groups);
    try {
      taskService.claim(triage.getId(), check.user());
    } finally {
      identityService.clearAuthentication();
    }
    model.put("user", check.user());
    return page(model, HttpStatus.OK, "acknowledged", check.processInstanceId(), null);
  }

  private ResponseEntity<String> refused(AcknowledgeLinks.Check check, Map<String, Object> model) {
    return switch (check.outcome()) {
      case USED -> page(model, HttpStatus.CONFLICT, "used", null, check.user());
      case EXPIRED -> page(model, HttpStatus.GONE, "expired", null, null);
      default -> page(model, HttpStatus.FORBIDDEN, "forged", null, null);
    };
  }

  private Task openTriage(String processInstanceId) {
    return taskService.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(SopActivity.Task_TriageIncident.id()).singleResult();
  }

  private ResponseEntity<String> page(Map<String, Object> model, HttpStatus status, String state, String processInstanceId,
      String by) {
    model.put("state", state);
    model.put("by", by);
    model.put("tasklistUrl", tasklistUrl);
    if (processInstanceId != null && runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
      model.put("number", runtimeService.getVariable(processInstanceId, IncidentVariable.INCIDENT_NUMBER.id()));
      model.put("title", runtimeService.getVariable(processInstanceId, IncidentVariable.TITLE.id()));
      model.put(IncidentVariable.SEVERITY.id(), runtimeService.getVariable(processInstanceId, IncidentVariable.SEVERITY.id()));
    }
    Context context = new Context(Locale.ENGLISH);
    context.setVariables(model);
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header(HttpHeaders.CACHE_CONTROL, "no-store").body(templates.process("oncall/acknowledge", context));
  }

  /** Thymeleaf as the status page uses it: HTML mode escapes every value. */
  private static TemplateEngine templates() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    TemplateEngine engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
