package org.incidentresponse.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;

/** {@code followup/follow-up.bpmn} and its forms read as files, against {@link FollowUp}; the action items' reader. */
class FollowUpModelTest {

  static final Path FOLDER = Path.of("src/main/resources/followup");
  final BpmnModelInstance model = Bpmn.readModelFromFile(FOLDER.resolve("follow-up.bpmn").toFile());

  @Test
  void theContractsIdsAreTheDiagramsAndEveryElementIsDrawn() {
    assertThat(model.getModelElementsByType(Process.class)).singleElement()
        .satisfies(p -> assertThat(p.getId()).isEqualTo(FollowUp.PROCESS_KEY));
    for (String id : List.of(FollowUp.START, FollowUp.TASK_RECORD, FollowUp.SUB_PROCESS_OPEN, FollowUp.TASK_COMPLETE,
        FollowUp.TASK_REVIEW_WONT_DO, FollowUp.TIMER_REMINDER, FollowUp.TIMER_OVERDUE, FollowUp.TASK_CHECK_OWNER_REMINDER,
        FollowUp.TASK_CHECK_OWNER_OVERDUE, FollowUp.TASK_REMIND, FollowUp.TASK_ESCALATE, FollowUp.TASK_CLOSE,
        FollowUp.END_DONE, FollowUp.END_WONT_DO)) {
      assertThat((Object) model.getModelElementById(id)).as(id).isNotNull();
    }
    List<String> drawn = new ArrayList<>();
    model.getModelElementsByType(BpmnShape.class).forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
    model.getModelElementsByType(BpmnEdge.class).forEach(edge -> drawn.add(edge.getBpmnElement().getId()));
    assertThat(Stream.concat(model.getModelElementsByType(FlowNode.class).stream(),
            model.getModelElementsByType(SequenceFlow.class).stream()).map(BaseElement::getId))
        .allSatisfy(id -> assertThat(drawn).as("drawn elements").contains(id));
  }

  @Test
  void everyUserTaskHasItsFormBesideTheDiagramAndEveryResourceIsDeployed() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      File form = FOLDER.resolve(task.getCamundaFormRef() + ".form").toFile();
      assertThat(form).as("form of %s", task.getId()).exists();
      JsonNode schema = json.readTree(form);
      assertThat(schema.path("id").asText()).isEqualTo(task.getCamundaFormRef());
      assertThat(schema.path("schemaVersion").asInt()).isEqualTo(16);
      assertThat(FollowUp.RESOURCES).contains("followup/" + task.getCamundaFormRef() + ".form");
      assertThat(task.getCamundaCandidateGroups()).isEqualTo("incident-commanders");
    }
  }

  @Test
  void actionItemsAreReadFromSpinJsonAListOrAJsonString() {
    String text = "[{\"title\":\" Add alert \",\"type\":\"Detect\",\"owner\":\"responder\",\"dueDate\":\"2026-12-14\"}]";
    ActionItems.ActionItem expected = new ActionItems.ActionItem(1, "Add alert", "detect", "responder", "2026-12-14", "");
    assertThat(ActionItems.read(text)).containsExactly(expected);
    assertThat(ActionItems.read(SpinValues.jsonValue(text).create().getValue())).containsExactly(expected);
    assertThat(ActionItems.read(List.of(Map.of("title", " Add alert ", "type", "Detect", "owner", "responder",
        "dueDate", "2026-12-14")))).containsExactly(expected);
    assertThat(ActionItems.read(null)).isEmpty();
    assertThat(ActionItems.read(" ")).isEmpty();
    assertThatThrownBy(() -> ActionItems.read("{\"title\":\"x\"}")).hasMessage("actionItems must be a list of action items");
    assertThatThrownBy(() -> ActionItems.read("[1]")).hasMessageContaining("action item 1 is not an object");
    assertThatThrownBy(() -> ActionItems.read("not json")).hasMessage("actionItems is not a JSON list of action items");
  }

  @Test
  void onlyAbsoluteHttpLinksAreLinks() {
    assertThat(CheckActionItems.isHttpUrl("https://tickets.example.org/OPS-1")).isTrue();
    assertThat(CheckActionItems.isHttpUrl("http://wiki/page")).isTrue();
    assertThat(CheckActionItems.isHttpUrl("javascript:alert(1)")).isFalse();
    assertThat(CheckActionItems.isHttpUrl("file:///etc/passwd")).isFalse();
    assertThat(CheckActionItems.isHttpUrl("/relative")).isFalse();
    assertThat(CheckActionItems.isHttpUrl("https://exa mple.org")).isFalse();
  }
}
