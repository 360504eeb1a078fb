package org.incidentresponse.sop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract check on the files of a deployment, one test per refusal reason and the changes that
 * pass: each edit is what a process owner could do in Modeler to the SOP of the repository.
 */
class SopContractCheckTest {

  private static final String BPMN = "bpmn/incident-response.bpmn";
  private static final String DMN = "bpmn/incident-severity.dmn";

  @Test
  void theSopOfTheRepositoryPasses() throws IOException {
    assertThat(SopContractCheck.problems(sop())).isEmpty();
    assertThat(SopContractCheck.concernsSop(sop())).isTrue();
  }

  @Test
  void otherProcessesAreNotTheSops() throws IOException {
    Map<String, byte[]> other = Map.of("outbound-delivery.bpmn",
        Files.readAllBytes(Path.of("src/main/resources/outbound/outbound-delivery.bpmn")));
    assertThat(SopContractCheck.concernsSop(other)).isFalse();
  }

  @Test
  void relabellingAndANewOptionalTaskPass() throws IOException {
    Map<String, byte[]> files = edit(sop(), BPMN, bpmn -> bpmn
        .replace("name=\"Log incident\"", "name=\"Log the incident\"")
        // A new task on a new path: allowed, with a form the deployment holds.
        .replace("</bpmn:process>", """
              <bpmn:userTask id="Task_CallSupplier" name="Call the supplier" camunda:formRef="triage-incident" camunda:formRefBinding="deployment" />
            </bpmn:process>"""));
    assertThat(SopContractCheck.problems(files)).isEmpty();
  }

  @Test
  void aDeletedContractStepIsRefusedByName() throws IOException {
    Map<String, byte[]> files = edit(sop(), BPMN, bpmn -> bpmn.replace("Task_LogIncident", "Task_LogIt"));
    assertThat(SopContractCheck.problems(files))
        .containsExactly("service task Task_LogIncident is missing: the audit checklist and the code depend on it");
  }

  @Test
  void aStepThatChangedTypeIsRefused() throws IOException {
    Map<String, byte[]> files = edit(sop(), BPMN, bpmn -> bpmn.replaceAll(
        "<bpmn:serviceTask id=\"Task_LogIncident\"([^>]*)>((?s).*?)</bpmn:serviceTask>",
        "<bpmn:task id=\"Task_LogIncident\" name=\"Log incident\">$2</bpmn:task>"));
    assertThat(SopContractCheck.problems(files)).singleElement().asString()
        .startsWith("Task_LogIncident changed type: it is a task, the SOP contract needs a service task");
  }

  @Test
  void aMissingRequiredTimerIsRefused() throws IOException {
    Map<String, byte[]> files = edit(sop(), BPMN, bpmn -> bpmn.replace("Timer_ReviewOverdue", "Timer_Other"));
    assertThat(SopContractCheck.problems(files)).containsExactly("required timer Timer_ReviewOverdue is missing");
  }

  @Test
  void aUserTaskWithoutAFormIsRefused() throws IOException {
    Map<String, byte[]> files = edit(sop(), BPMN, bpmn -> bpmn.replace(
        "<bpmn:userTask id=\"Task_DecideReview\" name=\"Decide on review\" camunda:formRef=\"decide-review\"",
        "<bpmn:userTask id=\"Task_DecideReview\" name=\"Decide on review\""));
    assertThat(SopContractCheck.problems(files)).containsExactly("user task Task_DecideReview has no form (camunda:formRef)");
  }

  @Test
  void aUserTaskWithAnUnknownFormIsRefused() throws IOException {
    Map<String, byte[]> files = sop();
    files.remove("forms/decide-review.form");
    assertThat(SopContractCheck.problems(files)).singleElement().asString()
        .startsWith("user task Task_DecideReview names the unknown form 'decide-review'");
  }

  @Test
  void anUnknownNotificationTemplateIsRefused() throws IOException {
    Map<String, byte[]> files = edit(sop(), BPMN, bpmn -> bpmn.replace(
        "<camunda:inputParameter name=\"template\">closed</camunda:inputParameter>",
        "<camunda:inputParameter name=\"template\">goodbye</camunda:inputParameter>"));
    assertThat(SopContractCheck.problems(files)).singleElement().asString()
        .startsWith("step Task_NotifyClosed names the unknown notification template 'goodbye'");
  }

  @Test
  void aDecisionLackingAnOutputTheCodeReadsIsRefused() throws IOException {
    Map<String, byte[]> files = edit(sop(), DMN, dmn -> dmn.replace("name=\"reviewDueDays\"", "name=\"reviewWithin\""));
    assertThat(SopContractCheck.problems(files))
        .containsExactly("the DMN lacks the output 'reviewDueDays', which the code reads");
  }

  @Test
  void aMissingDecisionIsRefused() throws IOException {
    Map<String, byte[]> files = sop();
    files.remove(DMN);
    assertThat(SopContractCheck.problems(files))
        .contains("decision 'incident-severity' is missing: no DMN in this deployment defines it",
            "decision 'severity-policy' is missing: no DMN in this deployment defines it");
  }

  /** The SOP as the repository holds it, named as the app deploys it. */
  static Map<String, byte[]> sop() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    files.put(BPMN, Files.readAllBytes(Path.of(BPMN)));
    try (Stream<Path> decisions = Files.list(Path.of("bpmn"))) {
      for (Path dmn : decisions.filter(f -> f.toString().endsWith(".dmn")).toList()) {
        files.put("bpmn/" + dmn.getFileName(), Files.readAllBytes(dmn));
      }
    }
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(f -> f.toString().endsWith(".form")).toList()) {
        files.put("forms/" + form.getFileName(), Files.readAllBytes(form));
      }
    }
    return files;
  }

  private static Map<String, byte[]> edit(Map<String, byte[]> files, String name, UnaryOperator<String> edit) {
    String before = new String(files.get(name), StandardCharsets.UTF_8);
    String after = edit.apply(before);
    assertThat(after).as("the edit of %s applies", name).isNotEqualTo(before);
    files.put(name, after.getBytes(StandardCharsets.UTF_8));
    return files;
  }
}
