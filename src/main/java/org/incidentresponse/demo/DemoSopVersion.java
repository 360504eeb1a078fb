package org.incidentresponse.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.incidentresponse.acknowledgement.AcknowledgementRequests;
import org.incidentresponse.acknowledgement.SopAcknowledgement;
import org.incidentresponse.sop.Sop;
import org.incidentresponse.sop.SopProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The quick start's second SOP version: the demo's process owner deploys the SOP of version 1 with the
 * small change of {@code demo/sop-version-2.yaml} (steps relabelled) and its change note, only the BPMN
 * and {@code change-note.md}, as Camunda Modeler would; the contract check completes it with version 1's
 * forms and decisions. Everyone of the acknowledgement groups gets "Read the SOP, version 2", and the
 * demo responder answers it. Once per database: a second run, or a database that already has a demo
 * version, deploys nothing (and at a restart {@code SopDeployment} keeps it, as any deployment made
 * outside the app).
 */
@Component
@Profile("demo")
public class DemoSopVersion {

  /** The deployment source of the demo's version, told apart from the app's own and Modeler's. */
  static final String SOURCE = "demo";
  static final String OWNER = "owner";
  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Logger log = LoggerFactory.getLogger(DemoSopVersion.class);

  /** The change: new labels by step id, and the note a process owner deploys with it. */
  record Change(Map<String, String> relabel, @JsonProperty("change-note") String changeNote) {}

  private final RepositoryService repositoryService;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final SopProperties sop;
  private final AcknowledgementRequests acknowledgements;

  public DemoSopVersion(RepositoryService repositoryService, TaskService taskService, IdentityService identityService,
      SopProperties sop, AcknowledgementRequests acknowledgements) {
    this.repositoryService = repositoryService;
    this.taskService = taskService;
    this.identityService = identityService;
    this.sop = sop;
    this.acknowledgements = acknowledgements;
  }

  static Change change() {
    try (InputStream in = new ClassPathResource("demo/sop-version-2.yaml").getInputStream()) {
      return YAML.readValue(in, Change.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read demo/sop-version-2.yaml", e);
    }
  }

  /**
   * Deploys the demo's version and has {@code user} acknowledge it when they are asked to (a member of
   * the acknowledgement groups); the version deployed, or 0 when there was one already.
   */
  public int deployAndAcknowledge(String user) {
    int version = deploy();
    if (version > 0 && acknowledgements.audience().contains(user)) {
      acknowledge(version, user);
      log.info("Demo: {} acknowledged SOP version {}; the others' \"Read the SOP, version {}\" tasks are open",
          user, version, version);
    }
    return version;
  }

  /** Deploys the demo's version as the owner, unless there is one already; its version, or 0. */
  public int deploy() {
    if (repositoryService.createDeploymentQuery().deploymentSource(SOURCE).count() > 0) {
      log.info("Demo SOP version not deployed: the database has it already");
      return 0;
    }
    ProcessDefinition current = repositoryService.createProcessDefinitionQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .latestVersion().singleResult();
    Change change = change();
    // Read from the deployment, not the engine's cached model, which must not change.
    BpmnModelInstance model;
    try (InputStream in = repositoryService.getResourceAsStream(current.getDeploymentId(), current.getResourceName())) {
      model = Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SOP of version " + current.getVersion(), e);
    }
    change.relabel().forEach((id, label) -> {
      FlowNode node = model.getModelElementById(id);
      if (node == null) {
        throw new IllegalStateException("demo/sop-version-2.yaml relabels " + id + ", which the SOP does not have");
      }
      node.setName(label);
    });
    as(OWNER, () -> repositoryService.createDeployment().name(sop.deploymentName()).source(SOURCE)
        .addString("incident-response.bpmn", Bpmn.convertToString(model))
        .addString("change-note.md", change.changeNote())
        .deploy());
    int version = current.getVersion() + 1;
    log.info("Demo SOP version {} deployed by {}: {}", version, OWNER, change.changeNote());
    return version;
  }

  /** The user answers "Read the SOP, version N" right, question by question, as in Tasklist. */
  public void acknowledge(int version, String user) {
    String name = "Read the SOP, version " + version;
    Instant deadline = Instant.now().plus(TASK_TIMEOUT);
    for (int answered = 0; answered < acknowledgements.knowledgeCheck().questions().size(); answered++) {
      Task task = awaitTask(user, name, deadline);
      Object index = taskService.getVariable(task.getId(), SopAcknowledgement.QUESTION_INDEX);
      String answer = acknowledgements.knowledgeCheck().questions()
          .get(index instanceof Number n ? n.intValue() : 0).answer();
      as(user, () -> {
        taskService.complete(task.getId(), Map.of(SopAcknowledgement.ANSWER, answer));
        return null;
      });
      if (taskService.createTaskQuery().processDefinitionKey(SopAcknowledgement.PROCESS_KEY).taskAssignee(user)
          .taskName(name).count() == 0) {
        return;
      }
    }
    throw new IllegalStateException(user + " answered every question of the knowledge check and still has " + name);
  }

  private Task awaitTask(String user, String name, Instant deadline) {
    while (true) {
      List<Task> tasks = taskService.createTaskQuery().processDefinitionKey(SopAcknowledgement.PROCESS_KEY)
          .taskAssignee(user).taskName(name).list();
      if (!tasks.isEmpty()) {
        return tasks.get(0);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("no task \"" + name + "\" for " + user + " within " + TASK_TIMEOUT);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
    }
  }

  private <T> T as(String user, java.util.function.Supplier<T> work) {
    return DemoLogin.as(identityService, user, work);
  }

}
