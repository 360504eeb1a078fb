package org.incidentresponse.sop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;

/**
 * What Modeler and Cockpit need to draw the SOP, and what Tasklist needs to show its forms: every
 * flow node and flow has diagram shapes, and every formRef has its form in forms/.
 */
class SopModelTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyFlowNodeAndFlowHasDiagramShapes() throws IOException {
    for (Path file : bpmnFiles()) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      List<String> drawn = new ArrayList<>();
      model.getModelElementsByType(BpmnShape.class).forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
      model.getModelElementsByType(BpmnEdge.class).forEach(edge -> drawn.add(edge.getBpmnElement().getId()));
      List<String> undrawn = Stream.concat(
              model.getModelElementsByType(FlowNode.class).stream(),
              model.getModelElementsByType(SequenceFlow.class).stream())
          .map(BaseElement::getId).filter(id -> !drawn.contains(id)).toList();
      assertThat(undrawn).as("elements of %s without diagram shapes", file).isEmpty();
    }
  }

  @Test
  void everyFormRefHasItsFormInForms() throws IOException {
    Map<String, Path> forms = new HashMap<>();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path form : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        JsonNode json = JSON.readTree(form.toFile());
        String id = json.path("id").asText();
        assertThat(form.getFileName().toString()).as("file name of form %s", id).isEqualTo(id + ".form");
        forms.put(id, form);
      }
    }
    List<String> missing = new ArrayList<>();
    for (Path file : bpmnFiles()) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      Collection<BaseElement> withForms = new ArrayList<>(model.getModelElementsByType(UserTask.class));
      withForms.addAll(model.getModelElementsByType(StartEvent.class));
      for (BaseElement element : withForms) {
        String formRef = element.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
        if (formRef != null && !forms.containsKey(formRef)) {
          missing.add(element.getId() + " -> " + formRef);
        }
      }
      assertThat(model.getModelElementsByType(UserTask.class)).as("user tasks in %s", file)
          .allSatisfy(task -> assertThat(task.getCamundaFormRef()).as("formRef of %s", task.getId()).isNotBlank());
    }
    assertThat(missing).as("formRefs without a form in forms/").isEmpty();
  }

  @Test
  void everyUserTaskFollowsTheSeverityPriority() throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/incident-response.bpmn"));
    assertThat(model.getModelElementsByType(UserTask.class))
        .allSatisfy(task -> assertThat(task.getCamundaPriority()).as(task.getId()).isEqualTo("${priority}"));
  }

  private static List<Path> bpmnFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      List<Path> bpmn = files.filter(f -> f.toString().endsWith(".bpmn")).toList();
      assertThat(bpmn).isNotEmpty();
      return bpmn;
    }
  }
}
