package org.incidentresponse.sop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.DmnExpressionImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.dmn.Dmn;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The SOP contract in code against the SOP files: each constant of {@link Sop}, {@link SopActivity},
 * {@link IncidentVariable}, {@link Severity} and {@link NotificationTemplate} is checked against
 * {@code bpmn/}, {@code forms/}, the DMN, the mail templates and application.yaml, and the other way
 * round where the code must know every element (steps, form fields, decision outputs, templates).
 * When a process owner renames something in Modeler, the failure names what broke.
 */
class SopContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final File SOP_BPMN = new File("bpmn/incident-response.bpmn");
  private static final File SOP_DMN = new File("bpmn/incident-severity.dmn");
  private static final File ESCALATION_DMN = new File("bpmn/incident-escalation.dmn");
  private static final File FOLLOW_UP_BPMN = new File("src/main/resources/followup/follow-up.bpmn");

  private final BpmnModelInstance bpmn = Bpmn.readModelFromFile(SOP_BPMN);

  @Test
  void theProcessKeyIsTheExecutableProcessOfTheSop() {
    assertThat(bpmn.getModelElementsByType(Process.class)).singleElement()
        .satisfies(p -> assertThat(p.getId()).as("process id in %s", SOP_BPMN).isEqualTo(Sop.PROCESS_KEY))
        .satisfies(p -> assertThat(p.isExecutable()).as("executable").isTrue());
  }

  @Test
  void theMessagesStartTheirEventSubprocesses() {
    Map<String, String> startedBy = new LinkedHashMap<>();
    for (StartEvent start : bpmn.getModelElementsByType(StartEvent.class)) {
      for (MessageEventDefinition definition : start.getChildElementsByType(MessageEventDefinition.class)) {
        startedBy.put(definition.getMessage().getName(), ((SubProcess) start.getParentElement()).getId());
      }
    }
    assertThat(bpmn.getModelElementsByType(Message.class)).extracting(Message::getName)
        .as("messages in %s", SOP_BPMN)
        .containsExactlyInAnyOrder(Sop.MESSAGE_ALERT_RECEIVED, Sop.MESSAGE_RECOVERY_REPORTED);
    assertThat(startedBy).containsEntry(Sop.MESSAGE_ALERT_RECEIVED, SopActivity.EventSubProcess_AlertReceived.id())
        .containsEntry(Sop.MESSAGE_RECOVERY_REPORTED, SopActivity.EventSubProcess_RecoveryReported.id());
  }

  @Test
  void theDecisionsAreTheOnesTheSopCalls() {
    assertThat(decisions().keySet()).as("decisions in %s", SOP_DMN)
        .containsExactlyInAnyOrder(Sop.DECISION_SEVERITY, Sop.DECISION_POLICY, Sop.DECISION_ESCALATION);
    assertThat(bpmn.getModelElementsByType(BusinessRuleTask.class))
        .extracting(BusinessRuleTask::getCamundaDecisionRef).as("decisionRef of the business rule tasks")
        .containsExactlyInAnyOrder(Sop.DECISION_SEVERITY, Sop.DECISION_POLICY, Sop.DECISION_ESCALATION);
  }

  @Test
  void everyActivityConstantIsItsBpmnElementWithItsForm() {
    List<String> broken = new ArrayList<>();
    for (SopActivity activity : SopActivity.values()) {
      FlowNode node = bpmn.getModelElementById(activity.id());
      if (node == null) {
        broken.add(activity.id() + ": no such element in " + SOP_BPMN);
        continue;
      }
      if (kind(node) != activity.kind()) {
        broken.add(activity.id() + ": is a " + node.getElementType().getTypeName() + ", the contract says " + activity.kind());
      }
      String formRef = node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
      if (!activity.form().map(f -> f.equals(formRef)).orElse(formRef == null)) {
        broken.add(activity.id() + ": formRef is " + formRef + ", the contract says " + activity.form().orElse(null));
      }
      activity.form().filter(form -> !Files.exists(Path.of("forms", form + ".form")))
          .ifPresent(form -> broken.add(activity.id() + ": forms/" + form + ".form does not exist"));
    }
    assertThat(broken).as("SopActivity against %s", SOP_BPMN).isEmpty();
  }

  @Test
  void everyStepAndTimerOfTheSopIsInTheContract() {
    List<String> unknown = new ArrayList<>();
    Stream.of(Task.class, BoundaryEvent.class, IntermediateCatchEvent.class)
        .flatMap(type -> bpmn.getModelElementsByType(type).stream())
        .map(FlowNode.class::cast)
        .map(FlowNode::getId)
        .filter(id -> SopActivity.byId(id).isEmpty())
        .forEach(unknown::add);
    assertThat(unknown).as("steps and timers in %s without a SopActivity constant", SOP_BPMN).isEmpty();
  }

  @Test
  void everyVariableIsWhereTheContractSaysTheSopFilesUseIt() throws IOException {
    Set<String> formKeys = formKeys().keySet();
    Set<String> dmnNames = dmnVariableNames();
    String bpmnText = Files.readString(SOP_BPMN.toPath());
    List<String> broken = new ArrayList<>();
    for (IncidentVariable variable : IncidentVariable.values()) {
      for (IncidentVariable.Where where : variable.usedIn()) {
        boolean found = switch (where) {
          case FORM -> formKeys.contains(variable.id());
          case DMN -> dmnNames.contains(variable.id());
          case BPMN -> Pattern.compile("[^A-Za-z0-9_]" + variable.id() + "[^A-Za-z0-9_]").matcher(bpmnText).find();
        };
        if (!found) {
          broken.add(variable.name() + " (" + variable.id() + "): not used in any " + where + " file");
        }
      }
    }
    assertThat(broken).as("IncidentVariable against bpmn/ and forms/").isEmpty();
  }

  @Test
  void everyFormFieldAndPolicyOutputIsAKnownVariable() throws IOException {
    List<String> unknown = new ArrayList<>();
    formKeys().forEach((key, form) -> {
      if (IncidentVariable.byId(key).isEmpty()) {
        unknown.add(form + ": field '" + key + "'");
      }
    });
    dmnVariableNames().stream().filter(name -> IncidentVariable.byId(name).isEmpty())
        .forEach(name -> unknown.add(SOP_DMN + ": '" + name + "'"));
    assertThat(unknown).as("names in the SOP files without an IncidentVariable constant").isEmpty();
  }

  @Test
  void theSeveritiesAreTheDecisionsAndTheClassifyFormsChoices() throws IOException {
    Map<String, DmnDecision> decisions = decisions();
    assertThat(outputValues(decisions.get(Sop.DECISION_SEVERITY))).as("severities the %s decision proposes", Sop.DECISION_SEVERITY)
        .containsExactlyInAnyOrderElementsOf(Severity.names());
    assertThat(inputValues(decisions.get(Sop.DECISION_POLICY))).as("severities the %s decision has a row for", Sop.DECISION_POLICY)
        .containsExactlyInAnyOrderElementsOf(Severity.names());

    JsonNode classify = JSON.readTree(Path.of("forms", SopActivity.Task_ClassifyIncident.form().orElseThrow() + ".form").toFile());
    List<String> choices = new ArrayList<>();
    components(classify).filter(c -> IncidentVariable.SEVERITY.id().equals(c.path("key").asText()))
        .forEach(select -> select.path("values").forEach(v -> choices.add(v.path("value").asText())));
    assertThat(choices).as("the severities the commander can pick").containsExactlyElementsOf(Severity.names());
  }

  @Test
  void theReviewPoliciesAreThePolicyDecisionsOutputs() {
    DmnDecisionTableImpl policy = (DmnDecisionTableImpl) decisions().get(Sop.DECISION_POLICY).getDecisionLogic();
    int column = policy.getOutputs().stream().map(DmnDecisionTableOutputImpl::getOutputName).toList()
        .indexOf(IncidentVariable.REVIEW_POLICY.id());
    assertThat(entries(policy.getRules().stream().map(rule -> rule.getConclusions().get(column)).toList()))
        .as("reviewPolicy values of the %s decision", Sop.DECISION_POLICY)
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(ReviewPolicy.values()).map(ReviewPolicy::id).toList());
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyNotificationTemplateIsSentConfiguredAndWritten() throws IOException {
    // The SOP's notifications, and those of the follow-ups of its reviews (followup/follow-up.bpmn).
    BpmnModelInstance followUp = Bpmn.readModelFromFile(FOLLOW_UP_BPMN);
    List<String> sent = java.util.stream.Stream.of(bpmn, followUp)
        .flatMap(model -> model.getModelElementsByType(CamundaInputParameter.class).stream())
        .filter(p -> IncidentVariable.TEMPLATE.id().equals(p.getCamundaName())).map(p -> p.getTextContent().strip())
        .toList();
    assertThat(sent).as("template input parameters of the notification steps in %s and %s", SOP_BPMN, FOLLOW_UP_BPMN)
        .containsExactlyInAnyOrderElementsOf(NotificationTemplate.ids());

    Map<String, Object> yaml = new Yaml().load(Files.readString(Path.of("src/main/resources/application.yaml")));
    Map<String, Object> templates = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) yaml
        .get("incident-response")).get("notifications")).get("templates");
    assertThat(templates.keySet()).as("incident-response.notifications.templates in application.yaml")
        .containsExactlyInAnyOrderElementsOf(NotificationTemplate.ids());

    for (String id : NotificationTemplate.ids()) {
      for (String kind : List.of("html", "txt")) {
        assertThat(Path.of("src/main/resources/templates/notifications", id + "." + kind)).as("the %s body of %s", kind, id)
            .exists();
      }
    }
  }

  @Test
  void theNotificationRecordReadsWhatItWrites() {
    NotificationRecord record = new NotificationRecord("initial", "[SEV1] INC-2026-0042 New incident: \"quoted\" <b>",
        List.of("responder@example.org", "alice@customer.test"), List.of("alice@customer.test"), "smtp",
        java.time.Instant.parse("2026-11-30T10:00:00Z"));
    assertThat(NotificationRecord.decode(record.encode())).contains(record);
    assertThat(record.encode()).contains("\"sentAt\":\"2026-11-30T10:00:00Z\"");
    assertThat(NotificationRecord.decode("not json")).isEmpty();
    assertThat(NotificationRecord.decode("null")).isEmpty();
    assertThat(record.knownTemplate()).contains(NotificationTemplate.INITIAL);
  }

  @Test
  void theSopsMainNamesAreSpelledOutInTheContractOnly() throws IOException {
    Pattern stringLiteral = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    Map<String, Set<String>> spelledIn = new LinkedHashMap<>();
    for (String name : List.of(Sop.PROCESS_KEY, IncidentVariable.INCIDENT_NUMBER.id(), IncidentVariable.SEVERITY.id(),
        IncidentVariable.DRILL.id())) {
      spelledIn.put(name, new TreeSet<>());
    }
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        // Comments may quote the names (JSON examples); only code counts.
        String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        stringLiteral.matcher(code).results().map(m -> m.group(1)).filter(spelledIn::containsKey)
            .forEach(name -> spelledIn.get(name).add(file.getFileName().toString()));
      }
    }
    assertThat(spelledIn).as("classes of src/main/java that spell out the SOP's names as string literals")
        .containsEntry(Sop.PROCESS_KEY, Set.of("Sop.java"))
        .containsEntry(IncidentVariable.INCIDENT_NUMBER.id(), Set.of("IncidentVariable.java"))
        .containsEntry(IncidentVariable.SEVERITY.id(), Set.of("IncidentVariable.java"))
        .containsEntry(IncidentVariable.DRILL.id(), Set.of("IncidentVariable.java"));
  }

  // ---- the SOP files ------------------------------------------------------------------------------

  private static SopActivity.Kind kind(FlowNode node) {
    if (node instanceof UserTask) {
      return SopActivity.Kind.USER_TASK;
    }
    if (node instanceof ServiceTask) {
      return SopActivity.Kind.SERVICE_TASK;
    }
    if (node instanceof BusinessRuleTask) {
      return SopActivity.Kind.BUSINESS_RULE_TASK;
    }
    if (node instanceof StartEvent) {
      return SopActivity.Kind.START_EVENT;
    }
    if (node instanceof SubProcess sub) {
      return sub.triggeredByEvent() ? SopActivity.Kind.EVENT_SUB_PROCESS : SopActivity.Kind.SUB_PROCESS;
    }
    if (!node.getChildElementsByType(TimerEventDefinition.class).isEmpty()) {
      return SopActivity.Kind.TIMER;
    }
    return null;
  }

  /** Every field key of every form, with the form it is in. */
  private static Map<String, String> formKeys() throws IOException {
    Map<String, String> keys = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path form : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        // A field's key and the variable its choices come from (valuesKey) are both variables of the SOP.
        // A dynamic list or a group with a path is one variable (its path); the fields inside are keys of
        // that variable's JSON, not variables.
        components(JSON.readTree(form.toFile()))
            .flatMap(c -> Stream.of(c.path("key").asText(""), c.path("valuesKey").asText(""), c.path("path").asText("")))
            .filter(key -> !key.isEmpty()).forEach(key -> keys.putIfAbsent(key, "forms/" + form.getFileName()));
      }
    }
    return keys;
  }

  private static Stream<JsonNode> components(JsonNode container) {
    List<JsonNode> all = new ArrayList<>();
    container.path("components").forEach(c -> {
      all.add(c);
      if (!"dynamiclist".equals(c.path("type").asText()) && c.path("path").asText("").isEmpty()) {
        components(c).forEach(all::add);
      }
    });
    return all.stream();
  }

  private static Map<String, DmnDecision> decisions() {
    Map<String, DmnDecision> decisions = new LinkedHashMap<>();
    DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine()
        .parseDecisions(Dmn.readModelFromFile(SOP_DMN))
        .forEach(d -> decisions.put(d.getKey(), d));
    DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine()
        .parseDecisions(Dmn.readModelFromFile(ESCALATION_DMN))
        .forEach(d -> decisions.put(d.getKey(), d));
    return decisions;
  }

  /** Input expressions and output names of every decision table: the variables the DMN reads and writes. */
  private static Set<String> dmnVariableNames() {
    Set<String> names = new TreeSet<>();
    for (DmnDecision decision : decisions().values()) {
      DmnDecisionTableImpl table = (DmnDecisionTableImpl) decision.getDecisionLogic();
      table.getInputs().stream().map(DmnDecisionTableInputImpl::getExpression).map(DmnExpressionImpl::getExpression)
          .map(String::strip).forEach(names::add);
      table.getOutputs().stream().map(DmnDecisionTableOutputImpl::getOutputName).forEach(names::add);
    }
    return names;
  }

  private static Set<String> outputValues(DmnDecision decision) {
    return entries(((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules().stream()
        .map(DmnDecisionTableRuleImpl::getConclusions).map(conclusions -> conclusions.get(0)).toList());
  }

  private static Set<String> inputValues(DmnDecision decision) {
    return entries(((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules().stream()
        .map(DmnDecisionTableRuleImpl::getConditions).map(conditions -> conditions.get(0)).toList());
  }

  private static Set<String> entries(Collection<DmnExpressionImpl> expressions) {
    Set<String> values = new TreeSet<>();
    expressions.forEach(e -> Arrays.stream(e.getExpression().split(","))
        .map(v -> v.strip().replace("\"", "")).filter(v -> !v.isEmpty()).forEach(values::add));
    return values;
  }
}
