package org.incidentresponse.sop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;

/**
 * The SOP contract checked on the files of one deployment (name → content), before the engine
 * accepts it. Driven by the contract's own constants, so an element added to {@link SopActivity},
 * {@link NotificationTemplate} or {@link IncidentVariable} is checked without touching this class:
 * <ul>
 *   <li>every {@link SopActivity} is there with its kind (a timer is still a timer);</li>
 *   <li>every user task and start form names a form that the deployment holds, and contract steps
 *       the form the contract names;</li>
 *   <li>every {@code template} input parameter is a known {@link NotificationTemplate};</li>
 *   <li>the decisions the SOP calls exist, with every output the code reads.</li>
 * </ul>
 * Additions, new labels and new paths pass: only what the code and the audit depend on is checked.
 */
public final class SopContractCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  /** The kinds {@link #kind(FlowNode)} tells apart. */
  private static final Set<SopActivity.Kind> CLASSIFIED = java.util.EnumSet.of(SopActivity.Kind.START_EVENT,
      SopActivity.Kind.SERVICE_TASK, SopActivity.Kind.BUSINESS_RULE_TASK, SopActivity.Kind.USER_TASK,
      SopActivity.Kind.TIMER, SopActivity.Kind.SUB_PROCESS, SopActivity.Kind.EVENT_SUB_PROCESS);

  private SopContractCheck() {}

  /** Whether these files hold the SOP's process or one of its decisions: only then the contract applies. */
  public static boolean concernsSop(Map<String, byte[]> resources) {
    for (Map.Entry<String, byte[]> file : resources.entrySet()) {
      String text = new String(file.getValue(), java.nio.charset.StandardCharsets.UTF_8);
      if (isBpmn(file.getKey()) && text.contains("\"" + Sop.PROCESS_KEY + "\"")) {
        return true;
      }
      if (isDmn(file.getKey()) && (text.contains("\"" + Sop.DECISION_SEVERITY + "\"")
          || text.contains("\"" + Sop.DECISION_POLICY + "\""))) {
        return true;
      }
    }
    return false;
  }

  /** What breaks the contract, one readable line each; empty when the SOP may be deployed. */
  public static List<String> problems(Map<String, byte[]> resources) {
    List<String> problems = new ArrayList<>();
    Map<String, String> forms = forms(resources, problems);
    BpmnModelInstance bpmn = sopProcess(resources, problems);
    DmnModelInstance[] dmns = resources.entrySet().stream().filter(f -> isDmn(f.getKey()))
        .map(f -> readDmn(f.getKey(), f.getValue(), problems)).filter(java.util.Objects::nonNull)
        .toArray(DmnModelInstance[]::new);
    if (bpmn != null) {
      checkActivities(bpmn, problems);
      checkForms(bpmn, forms, problems);
      checkTemplates(bpmn, problems);
    }
    checkDecisions(bpmn, dmns, problems);
    return problems;
  }

  // ---- steps, timers, forms, templates --------------------------------------------------------

  private static void checkActivities(BpmnModelInstance bpmn, List<String> problems) {
    for (SopActivity activity : SopActivity.values()) {
      FlowNode node = bpmn.getModelElementById(activity.id()) instanceof FlowNode f ? f : null;
      String what = describe(activity.kind());
      if (node == null) {
        problems.add(activity.kind() == SopActivity.Kind.TIMER
            ? "required timer " + activity.id() + " is missing"
            : what + " " + activity.id() + " is missing: the audit checklist and the code depend on it");
        continue;
      }
      SopActivity.Kind actual = kind(node);
      // A kind added to the contract later is checked for presence until kind() learns it.
      if (CLASSIFIED.contains(activity.kind()) && actual != activity.kind()) {
        problems.add(activity.kind() == SopActivity.Kind.TIMER
            ? "required timer " + activity.id() + " has no timer any more (it is a " + node.getElementType().getTypeName() + ")"
            : activity.id() + " changed type: it is a " + (actual == null ? node.getElementType().getTypeName() : describe(actual))
                + ", the SOP contract needs a " + what);
      }
    }
  }

  private static void checkForms(BpmnModelInstance bpmn, Map<String, String> forms, List<String> problems) {
    List<FlowNode> withForms = new ArrayList<>(bpmn.getModelElementsByType(UserTask.class));
    bpmn.getModelElementsByType(StartEvent.class).stream()
        .filter(start -> start.getAttributeValueNs(CAMUNDA_NS, "formRef") != null
            || SopActivity.byId(start.getId()).flatMap(SopActivity::form).isPresent())
        .forEach(withForms::add);
    for (FlowNode node : withForms) {
      String formRef = node.getAttributeValueNs(CAMUNDA_NS, "formRef");
      String kind = node instanceof UserTask ? "user task " : "start event ";
      if (formRef == null || formRef.isBlank()) {
        problems.add(kind + node.getId() + " has no form (camunda:formRef)");
        continue;
      }
      if (!forms.containsKey(formRef)) {
        problems.add(kind + node.getId() + " names the unknown form '" + formRef + "' (forms in this deployment: "
            + new TreeSet<>(forms.keySet()) + ")");
      }
      SopActivity.byId(node.getId()).flatMap(SopActivity::form).filter(form -> !form.equals(formRef))
          .ifPresent(form -> problems.add(kind + node.getId() + " has the form '" + formRef
              + "', the SOP contract needs '" + form + "'"));
    }
  }

  private static void checkTemplates(BpmnModelInstance bpmn, List<String> problems) {
    for (CamundaInputParameter parameter : bpmn.getModelElementsByType(CamundaInputParameter.class)) {
      if (!IncidentVariable.TEMPLATE.id().equals(parameter.getCamundaName())) {
        continue;
      }
      String template = parameter.getTextContent() == null ? "" : parameter.getTextContent().strip();
      if (NotificationTemplate.byId(template).isEmpty()) {
        problems.add(owner(parameter) + " names the unknown notification template '" + template + "' (known: "
            + NotificationTemplate.ids() + ")");
      }
    }
  }

  // ---- decisions -------------------------------------------------------------------------------

  private static void checkDecisions(BpmnModelInstance bpmn, DmnModelInstance[] dmns, List<String> problems) {
    Map<String, DecisionTable> tables = new LinkedHashMap<>();
    for (DmnModelInstance dmn : dmns) {
      for (Decision decision : dmn.getModelElementsByType(Decision.class)) {
        tables.put(decision.getId(), decision.getChildElementsByType(DecisionTable.class).stream().findFirst().orElse(null));
      }
    }
    Set<String> called = new TreeSet<>(List.of(Sop.DECISION_SEVERITY, Sop.DECISION_POLICY));
    if (bpmn != null) {
      bpmn.getModelElementsByType(BusinessRuleTask.class).stream().map(BusinessRuleTask::getCamundaDecisionRef)
          .filter(java.util.Objects::nonNull).forEach(called::add);
    }
    for (String decision : called) {
      if (!tables.containsKey(decision)) {
        problems.add("decision '" + decision + "' is missing: no DMN in this deployment defines it");
      }
    }
    Set<String> outputs = new TreeSet<>();
    Set<String> inputs = new TreeSet<>();
    tables.values().stream().filter(java.util.Objects::nonNull).forEach(table -> {
      table.getOutputs().stream().map(Output::getName).filter(java.util.Objects::nonNull).forEach(outputs::add);
      table.getInputs().stream().map(Input::getInputExpression).filter(java.util.Objects::nonNull)
          .map(e -> e.getText() == null ? "" : e.getText().getTextContent().strip()).forEach(inputs::add);
    });
    if (tables.isEmpty()) {
      return;
    }
    for (IncidentVariable variable : IncidentVariable.values()) {
      if (!variable.usedIn().contains(IncidentVariable.Where.DMN)) {
        continue;
      }
      // Variables a form or the code sets are the decisions' inputs; the others are outputs the code reads.
      boolean fromForm = variable.usedIn().contains(IncidentVariable.Where.FORM);
      if (!fromForm && !outputs.contains(variable.id()) && !inputs.contains(variable.id())) {
        problems.add("the DMN lacks the output '" + variable.id() + "', which the code reads");
      } else if (fromForm && !outputs.contains(variable.id()) && !inputs.contains(variable.id())) {
        problems.add("the DMN no longer uses '" + variable.id() + "' as an input or output");
      }
    }
  }

  // ---- reading the files -----------------------------------------------------------------------

  private static BpmnModelInstance sopProcess(Map<String, byte[]> resources, List<String> problems) {
    for (Map.Entry<String, byte[]> file : resources.entrySet()) {
      if (!isBpmn(file.getKey())) {
        continue;
      }
      try {
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(file.getValue()));
        if (model.getModelElementsByType(Process.class).stream().anyMatch(p -> Sop.PROCESS_KEY.equals(p.getId()))) {
          return model;
        }
      } catch (RuntimeException e) {
        problems.add(file.getKey() + " cannot be read: " + e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      problems.add("no process '" + Sop.PROCESS_KEY + "' in this deployment");
    }
    return null;
  }

  private static DmnModelInstance readDmn(String name, byte[] content, List<String> problems) {
    try {
      return Dmn.readModelFromStream(new ByteArrayInputStream(content));
    } catch (RuntimeException e) {
      problems.add(name + " cannot be read: " + e.getMessage());
      return null;
    }
  }

  /** Form id → resource name. */
  private static Map<String, String> forms(Map<String, byte[]> resources, List<String> problems) {
    Map<String, String> forms = new LinkedHashMap<>();
    resources.forEach((name, content) -> {
      if (name.endsWith(".form")) {
        try {
          JsonNode id = JSON.readTree(content).path("id");
          if (id.isTextual()) {
            forms.put(id.asText(), name);
          }
        } catch (IOException e) {
          problems.add(name + " cannot be read: " + e.getMessage());
        }
      }
    });
    return forms;
  }

  private static boolean isBpmn(String name) {
    return name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml");
  }

  private static boolean isDmn(String name) {
    return name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
  }

  private static String owner(org.camunda.bpm.model.xml.instance.ModelElementInstance element) {
    for (var parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent instanceof FlowNode node) {
        return "step " + node.getId();
      }
    }
    return "a step";
  }

  static SopActivity.Kind kind(FlowNode node) {
    if (node instanceof UserTask) {
      return SopActivity.Kind.USER_TASK;
    }
    if (node instanceof ServiceTask) {
      return SopActivity.Kind.SERVICE_TASK;
    }
    if (node instanceof BusinessRuleTask) {
      return SopActivity.Kind.BUSINESS_RULE_TASK;
    }
    if (node instanceof StartEvent start && start.getChildElementsByType(TimerEventDefinition.class).isEmpty()) {
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

  private static String describe(SopActivity.Kind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
