package org.incidentresponse.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.type.ModelElementType;
import org.camunda.bpm.model.xml.type.attribute.Attribute;
import org.incidentresponse.sop.Sop;
import org.springframework.stereotype.Service;

/**
 * What changed between two versions of the SOP, in words a process owner recognises from Modeler:
 * the activities (tasks, events, timers, subprocesses) added, removed or changed, with what changed
 * in each (label, form, candidate groups, timer, template ...); the forms of the two deployments; and
 * the decisions (inputs, outputs, rules). Read from the deployments themselves, so a version deployed
 * from Modeler is compared exactly as deployed.
 */
@Service
public class SopVersionDiff {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An activity, form or decision that is new, gone or different, with what differs. */
  public record Change(String id, String name, String type, String change, List<String> details) {}

  /** Version {@code from} compared with version {@code to}. */
  public record Diff(int from, int to, List<Change> activities, List<Change> forms, List<Change> decisions) {

    public boolean empty() {
      return activities.isEmpty() && forms.isEmpty() && decisions.isEmpty();
    }
  }

  private final RepositoryService repositoryService;

  public SopVersionDiff(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  /** @throws IllegalArgumentException when a version does not exist */
  public Diff diff(int from, int to) {
    ProcessDefinition source = definition(from);
    ProcessDefinition target = definition(to);
    Map<String, byte[]> before = resources(source.getDeploymentId());
    Map<String, byte[]> after = resources(target.getDeploymentId());
    return new Diff(from, to,
        activities(repositoryService.getBpmnModelInstance(source.getId()), repositoryService.getBpmnModelInstance(target.getId())),
        forms(before, after), decisions(before, after));
  }

  /**
   * The events of both definitions (by id) whose trigger differs: a timer's kind or expression, a
   * message's or signal's name, a condition. A migration updates exactly these, so a changed policy
   * applies to migrated incidents while an unchanged timer keeps its due date (a wait already counting
   * is not restarted, a reminder already due still fires).
   */
  public java.util.Set<String> changedEventTriggers(String sourceDefinitionId, String targetDefinitionId) {
    Map<String, String> before = triggers(repositoryService.getBpmnModelInstance(sourceDefinitionId));
    Map<String, String> after = triggers(repositoryService.getBpmnModelInstance(targetDefinitionId));
    java.util.Set<String> changed = new TreeSet<>();
    before.forEach((id, trigger) -> {
      if (after.containsKey(id) && !after.get(id).equals(trigger)) {
        changed.add(id);
      }
    });
    return changed;
  }

  private static Map<String, String> triggers(BpmnModelInstance model) {
    Map<String, String> triggers = new TreeMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!inSop(node)) {
        continue;
      }
      StringBuilder trigger = new StringBuilder();
      for (EventDefinition definition : node.getChildElementsByType(EventDefinition.class)) {
        trigger.append(definition.getElementType().getTypeName()).append(':');
        if (definition instanceof TimerEventDefinition timer) {
          trigger.append("duration=").append(text(timer.getTimeDuration())).append(";date=")
              .append(text(timer.getTimeDate())).append(";cycle=").append(text(timer.getTimeCycle()));
        } else if (definition instanceof MessageEventDefinition message) {
          trigger.append(message.getMessage() == null ? "" : message.getMessage().getName());
        } else if (definition instanceof SignalEventDefinition signal) {
          trigger.append(signal.getSignal() == null ? "" : signal.getSignal().getName());
        } else if (definition instanceof ConditionalEventDefinition conditional) {
          trigger.append(conditional.getCondition() == null ? "" : text(conditional.getCondition()));
        }
        trigger.append('\n');
      }
      if (!trigger.isEmpty()) {
        triggers.put(node.getId(), trigger.toString());
      }
    }
    return triggers;
  }

  private List<Change> activities(BpmnModelInstance before, BpmnModelInstance after) {
    Map<String, Map<String, String>> old = flowNodes(before);
    Map<String, Map<String, String>> now = flowNodes(after);
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> node : now.entrySet()) {
      Map<String, String> was = old.get(node.getKey());
      Map<String, String> is = node.getValue();
      if (was == null) {
        changes.add(new Change(node.getKey(), is.get("name"), is.get("type"), "added", List.of()));
      } else if (!was.equals(is)) {
        changes.add(new Change(node.getKey(), is.get("name"), is.get("type"), "changed", differences(was, is)));
      }
    }
    old.forEach((id, was) -> {
      if (!now.containsKey(id)) {
        changes.add(new Change(id, was.get("name"), was.get("type"), "removed", List.of()));
      }
    });
    return changes;
  }

  /** Each flow node of the SOP's process by id: its type, label, attributes, timers and input parameters. */
  private static Map<String, Map<String, String>> flowNodes(BpmnModelInstance model) {
    Map<String, Map<String, String>> nodes = new TreeMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!inSop(node)) {
        continue;
      }
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("type", node.getElementType().getTypeName());
      properties.put("name", node.getName());
      for (ModelElementType type = node.getElementType(); type != null; type = type.getBaseType()) {
        for (Attribute<?> attribute : type.getAttributes()) {
          Object value = attribute.getValue(node);
          if (value != null && !"id".equals(attribute.getAttributeName()) && !"name".equals(attribute.getAttributeName())) {
            properties.putIfAbsent(attribute.getAttributeName(), value.toString());
          }
        }
      }
      for (TimerEventDefinition timer : node.getChildElementsByType(TimerEventDefinition.class)) {
        String definition = text(timer.getTimeDuration()) + text(timer.getTimeDate()) + text(timer.getTimeCycle());
        properties.put("timer", definition);
      }
      for (CamundaInputParameter input : node.getModelInstance().getModelElementsByType(CamundaInputParameter.class)) {
        if (isInside(input, node)) {
          properties.put("input " + input.getCamundaName(), input.getTextContent().strip());
        }
      }
      nodes.put(node.getId(), properties);
    }
    return nodes;
  }

  private static boolean inSop(ModelElementInstance element) {
    for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
      if (e instanceof Process process) {
        return Sop.PROCESS_KEY.equals(process.getId());
      }
    }
    return false;
  }

  /** The parameter belongs to this node itself, not to a node nested in it (a subprocess's tasks). */
  private static boolean isInside(ModelElementInstance element, FlowNode node) {
    for (ModelElementInstance e = element.getParentElement(); e != null; e = e.getParentElement()) {
      if (e instanceof FlowNode) {
        return e.equals(node);
      }
    }
    return false;
  }

  private static String text(ModelElementInstance element) {
    return element == null ? "" : element.getTextContent().strip();
  }

  /** {@code name: "Log incident" → "Log the incident"}, one per property that differs. */
  private static List<String> differences(Map<String, String> was, Map<String, String> is) {
    List<String> details = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(was.keySet());
    keys.addAll(is.keySet());
    // The label first: what a reader recognises.
    List<String> ordered = new ArrayList<>(List.of("type", "name"));
    keys.stream().filter(k -> !ordered.contains(k)).forEach(ordered::add);
    for (String key : ordered) {
      String a = was.get(key);
      String b = is.get(key);
      if (!Objects.equals(a, b)) {
        details.add(key + ": " + quoted(a) + " → " + quoted(b));
      }
    }
    return details;
  }

  private static String quoted(String value) {
    return value == null ? "none" : "\"" + value + "\"";
  }

  private static List<Change> forms(Map<String, byte[]> before, Map<String, byte[]> after) {
    List<Change> changes = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>();
    before.keySet().stream().filter(n -> n.endsWith(".form")).forEach(names::add);
    after.keySet().stream().filter(n -> n.endsWith(".form")).forEach(names::add);
    for (String name : names) {
      byte[] was = before.get(name);
      byte[] is = after.get(name);
      String formName = name.substring(name.lastIndexOf('/') + 1);
      if (was == null) {
        changes.add(new Change(formName, formId(is), "form", "added", List.of()));
      } else if (is == null) {
        changes.add(new Change(formName, formId(was), "form", "removed", List.of()));
      } else if (!Arrays.equals(was, is)) {
        TreeSet<String> oldFields = fields(was);
        TreeSet<String> newFields = fields(is);
        List<String> details = new ArrayList<>();
        newFields.stream().filter(f -> !oldFields.contains(f)).forEach(f -> details.add("field " + f + " added"));
        oldFields.stream().filter(f -> !newFields.contains(f)).forEach(f -> details.add("field " + f + " removed"));
        if (details.isEmpty()) {
          details.add("same fields; labels, options, validation or layout changed");
        }
        changes.add(new Change(formName, formId(is), "form", "changed", details));
      }
    }
    return changes;
  }

  private static String formId(byte[] form) {
    return read(form).path("id").asText(null);
  }

  /** The keys of a form's fields, nested groups included. */
  private static TreeSet<String> fields(byte[] form) {
    TreeSet<String> keys = new TreeSet<>();
    collect(read(form), keys);
    return keys;
  }

  private static void collect(JsonNode node, TreeSet<String> keys) {
    for (JsonNode component : node.path("components")) {
      if (component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
      }
      collect(component, keys);
    }
  }

  private static JsonNode read(byte[] form) {
    try {
      return JSON.readTree(form);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static List<Change> decisions(Map<String, byte[]> before, Map<String, byte[]> after) {
    Map<String, Map<String, String>> old = decisions(before);
    Map<String, Map<String, String>> now = decisions(after);
    List<Change> changes = new ArrayList<>();
    now.forEach((id, is) -> {
      Map<String, String> was = old.get(id);
      if (was == null) {
        changes.add(new Change(id, is.get("name"), "decision", "added", List.of()));
      } else if (!was.equals(is)) {
        changes.add(new Change(id, is.get("name"), "decision", "changed", decisionDifferences(was, is)));
      }
    });
    old.forEach((id, was) -> {
      if (!now.containsKey(id)) {
        changes.add(new Change(id, was.get("name"), "decision", "removed", List.of()));
      }
    });
    return changes;
  }

  private static List<String> decisionDifferences(Map<String, String> was, Map<String, String> is) {
    List<String> details = new ArrayList<>();
    for (String key : List.of("name", "hitPolicy", "inputs", "outputs", "rules")) {
      if (!Objects.equals(was.get(key), is.get(key))) {
        details.add(key + ": " + quoted(was.get(key)) + " → " + quoted(is.get(key)));
      }
    }
    if (details.isEmpty()) {
      details.add("rule entries changed");
    }
    return details;
  }

  /** Each decision table of the deployment's DMN files by decision id: inputs, outputs, rule count and entries. */
  private static Map<String, Map<String, String>> decisions(Map<String, byte[]> resources) {
    Map<String, Map<String, String>> decisions = new TreeMap<>();
    resources.forEach((name, content) -> {
      if (!name.endsWith(".dmn") && !name.endsWith(".dmn11.xml")) {
        return;
      }
      DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(content));
      for (Decision decision : model.getModelElementsByType(Decision.class)) {
        if (!(decision.getExpression() instanceof DecisionTable table)) {
          continue;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("name", decision.getName());
        properties.put("hitPolicy", String.valueOf(table.getHitPolicy()));
        properties.put("inputs", table.getInputs().stream()
            .map(i -> i.getLabel() != null ? i.getLabel() : text(i.getInputExpression())).collect(Collectors.joining(", ")));
        properties.put("outputs", table.getOutputs().stream().map(o -> o.getName()).collect(Collectors.joining(", ")));
        properties.put("rules", String.valueOf(table.getRules().size()));
        StringBuilder entries = new StringBuilder();
        for (Rule rule : table.getRules()) {
          rule.getInputEntries().forEach(e -> entries.append(text(e.getText())).append('|'));
          rule.getOutputEntries().forEach(e -> entries.append(text(e.getText())).append('|'));
          entries.append('\n');
        }
        properties.put("entries", entries.toString());
        decisions.put(decision.getId(), properties);
      }
    });
    return decisions;
  }

  private Map<String, byte[]> resources(String deploymentId) {
    Map<String, byte[]> resources = new TreeMap<>();
    for (String name : repositoryService.getDeploymentResourceNames(deploymentId)) {
      try (InputStream in = repositoryService.getResourceAsStream(deploymentId, name)) {
        resources.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return resources;
  }

  private ProcessDefinition definition(int version) {
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .processDefinitionVersion(version).singleResult();
    if (definition == null) {
      throw new IllegalArgumentException("the SOP has no version " + version);
    }
    return definition;
  }
}
