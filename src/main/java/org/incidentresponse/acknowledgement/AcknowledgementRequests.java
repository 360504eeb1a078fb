package org.incidentresponse.acknowledgement;

import static org.incidentresponse.acknowledgement.SopAcknowledgement.CHANGES;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.CHANGE_NOTE;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.DEPLOYED_AT;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.DEPLOYED_BY;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.HINT;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.OPTIONS;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.QUESTION;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.QUESTION_INDEX;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.SOP_VERSION;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.USER_ID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.spin.plugin.variable.SpinValues;
import org.incidentresponse.sop.Sop;
import org.incidentresponse.versions.SopVersionDiff;
import org.incidentresponse.versions.SopVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every member of the configured groups ({@link AcknowledgementProperties#groups()}) the task
 * "Read the SOP, version N" when version N of the SOP is deployed: one {@code sop-acknowledgement}
 * process per person, showing the changes since version N-1 (the SOP versions diff), the
 * deployer's change note (a file named {@code change-note.md} or {@code change-note.txt} deployed
 * with the SOP) and the first question of the knowledge check.
 */
@Service
public class AcknowledgementRequests {

  private static final Logger log = LoggerFactory.getLogger(AcknowledgementRequests.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AcknowledgementProperties properties;
  private final RuntimeService runtimeService;
  private final RepositoryService repositoryService;
  private final IdentityService identityService;
  private final SopVersionDiff diff;
  private final SopVersions versions;
  private final ResourceLoader resources;
  private final TransactionTemplate newTransaction;

  public AcknowledgementRequests(AcknowledgementProperties properties, RuntimeService runtimeService,
      RepositoryService repositoryService, IdentityService identityService, SopVersionDiff diff, SopVersions versions,
      ResourceLoader resources, PlatformTransactionManager transactionManager) {
    // Called after the deployment's transaction committed: Spring would let REQUIRED join the finished one.
    this.newTransaction = new TransactionTemplate(transactionManager);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.properties = properties;
    this.runtimeService = runtimeService;
    this.repositoryService = repositoryService;
    this.identityService = identityService;
    this.diff = diff;
    this.versions = versions;
    this.resources = resources;
  }

  /** Read each time it is needed: a process owner's edit applies without a restart. */
  public KnowledgeCheck knowledgeCheck() {
    return KnowledgeCheck.read(resources.getResource(properties.knowledgeCheck()));
  }

  /** The people who should keep up with the SOP: members of the configured groups. */
  public TreeSet<String> audience() {
    TreeSet<String> users = new TreeSet<>();
    for (String group : properties.groups()) {
      identityService.createUserQuery().memberOfGroup(group).list().stream().map(User::getId).forEach(users::add);
    }
    return users;
  }

  public List<String> groups() {
    return properties.groups();
  }

  /** How much of a group is current with a version: {@code share} from 0 to 1 (1 for an empty group). */
  public record GroupShare(String group, int members, int acknowledged, double share) {}

  /** For each configured group, how many of its members acknowledged {@code version}. */
  public List<GroupShare> shares(int version, java.util.Set<String> acknowledgedUsers) {
    return properties.groups().stream().map(group -> {
      List<String> members = identityService.createUserQuery().memberOfGroup(group).list().stream().map(User::getId).toList();
      int current = (int) members.stream().filter(acknowledgedUsers::contains).count();
      return new GroupShare(group, members.size(), current, members.isEmpty() ? 1.0 : (double) current / members.size());
    }).toList();
  }

  /** The SOP's latest version, or 0 before the first deployment. */
  public int latestVersion() {
    ProcessDefinition latest = repositoryService.createProcessDefinitionQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .latestVersion().singleResult();
    return latest == null ? 0 : latest.getVersion();
  }

  /** Starts "Read the SOP, version N" for everyone who has none for this version yet, in a transaction of its own. */
  public int requestAcknowledgements(int version) {
    Integer started = newTransaction.execute(status -> start(version));
    return started == null ? 0 : started;
  }

  private int start(int version) {
    if (properties.groups().isEmpty() || version < 2) {
      return 0;
    }
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .processDefinitionVersion(version).singleResult();
    KnowledgeCheck check = knowledgeCheck();
    SopVersions.Version deployed = versions.versions().stream().filter(v -> v.version() == version).findFirst().orElseThrow();
    Map<String, Object> variables = new HashMap<>();
    variables.put(SOP_VERSION, version);
    variables.put(SopAcknowledgement.TASK_NAME, "Read the SOP, version " + version);
    variables.put(DEPLOYED_AT, deployed.deployedAt() == null ? "at an unrecorded time" : "on " + DEPLOYED_AT_FORMAT.format(deployed.deployedAt()));
    variables.put(DEPLOYED_BY, deployed.deployedBy() == null ? "the application (no user recorded)" : deployed.deployedBy());
    variables.put(CHANGE_NOTE, changeNote(definition.getDeploymentId()));
    variables.put(CHANGES, changes(diff.diff(version - 1, version)));
    variables.put(HINT, "");
    int started = 0;
    // Started by the application, not as the deploying user, who may not start processes.
    Authentication deployer = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      for (String user : audience()) {
        String key = SopAcknowledgement.businessKey(version, user);
        if (runtimeService.createProcessInstanceQuery().processDefinitionKey(SopAcknowledgement.PROCESS_KEY)
            .processInstanceBusinessKey(key).count() > 0) {
          continue;
        }
        Map<String, Object> own = new HashMap<>(variables);
        own.put(USER_ID, user);
        own.put(QUESTION_INDEX, 0);
        own.put(QUESTION, check.questions().get(0).question());
        own.put(OPTIONS, options(check.questions().get(0)));
        runtimeService.startProcessInstanceByKey(SopAcknowledgement.PROCESS_KEY, key, own);
        started++;
      }
    } finally {
      if (deployer != null) {
        identityService.setAuthentication(deployer);
      }
    }
    log.info("SOP version {}: {} acknowledgement tasks", version, started);
    return started;
  }

  /** As Tasklist shows dates (M/D/YYYY), with the time in UTC: "12/6/2026 04:10 UTC". */
  private static final java.time.format.DateTimeFormatter DEPLOYED_AT_FORMAT = java.time.format.DateTimeFormatter
      .ofPattern("M/d/yyyy HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

  /** Puts question {@code index} on the form. */
  static void ask(VariableScope scope, int index, KnowledgeCheck.Question question) {
    scope.setVariable(QUESTION_INDEX, index);
    scope.setVariable(QUESTION, question.question());
    scope.setVariable(OPTIONS, options(question));
  }

  private static Object options(KnowledgeCheck.Question question) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(question.options())).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String changeNote(String deploymentId) {
    for (String name : repositoryService.getDeploymentResourceNames(deploymentId)) {
      String file = name.substring(name.lastIndexOf('/') + 1);
      if (file.equals("change-note.md") || file.equals("change-note.txt")) {
        try (InputStream in = repositoryService.getResourceAsStream(deploymentId, name)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
          log.warn("Cannot read the change note {} of deployment {}", name, deploymentId, e);
        }
      }
    }
    return "none given";
  }

  /** The diff in words, one Markdown bullet per change. */
  static String changes(SopVersionDiff.Diff diff) {
    if (diff.empty()) {
      return "No step, form or decision changed.";
    }
    List<String> lines = new ArrayList<>();
    diff.activities().forEach(c -> lines.add(line("Step", c)));
    diff.forms().forEach(c -> lines.add(line("Form", c)));
    diff.decisions().forEach(c -> lines.add(line("Decision", c)));
    return String.join("\n", lines);
  }

  private static String line(String what, SopVersionDiff.Change c) {
    String name = c.name() == null ? c.id() : c.name() + " (" + c.id() + ")";
    return "- " + what + " " + name + " " + c.change() + (c.details().isEmpty() ? "" : ": " + String.join("; ", c.details()));
  }
}
