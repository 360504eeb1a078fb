package org.incidentresponse.sop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The contract check on deployments made as Camunda Modeler makes them, through {@code /engine-rest}:
 * a broken SOP is refused as a whole with 400 and a message naming what is missing, and nothing is
 * deployed; a deployment of only the changed files is completed from the previous one.
 */
@AppTest
class SopContractDeploymentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;

  @Test
  void aSopWithoutLogIncidentIsRefusedAndNothingIsDeployed() throws Exception {
    ModelerDeployment withoutLogIncident = ModelerDeployment.wholeSop()
        .edit("incident-response.bpmn", bpmn -> bpmn.replace("Task_LogIncident", "Task_WriteItDown"));
    assertRefused(withoutLogIncident, "service task Task_LogIncident is missing");
  }

  @Test
  void aFormThatIsNotDeployedIsRefused() throws Exception {
    ModelerDeployment unknownForm = ModelerDeployment.wholeSop().edit("incident-response.bpmn",
        bpmn -> bpmn.replace("camunda:formRef=\"decide-review\"", "camunda:formRef=\"decide-review-v2\""));
    assertRefused(unknownForm, "user task Task_DecideReview names the unknown form 'decide-review-v2'");
  }

  @Test
  void aDecisionWithoutAnOutputTheCodeReadsIsRefusedEvenWhenDeployedAlone() throws Exception {
    ModelerDeployment dmnOnly = ModelerDeployment.only("bpmn/incident-severity.dmn")
        .edit("incident-severity.dmn", dmn -> dmn.replace("name=\"ackTimeout\"", "name=\"acknowledgeWithin\""));
    assertRefused(dmnOnly, "the DMN lacks the output 'ackTimeout', which the code reads");
  }

  @Test
  void aChangedFormDeployedAloneMakesACompleteNewVersion() throws Exception {
    ProcessDefinition shipped = latest();
    ResponseEntity<String> response = ModelerDeployment.only("forms/triage-incident.form")
        .edit("triage-incident.form", form -> form.replace("\"label\": \"", "\"label\": \"Edited: "))
        .postAs(rest, "owner", "owner");
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    String id = JSON.readTree(response.getBody()).get("id").asText();
    try {
      // The process and its other files come along, so the new version finds the edited form.
      assertThat(latest().getDeploymentId()).isEqualTo(id);
      assertThat(latest().getVersion()).isEqualTo(shipped.getVersion() + 1);
      assertThat(repositoryService.getDeploymentResourceNames(id)).contains("triage-incident.form",
          "bpmn/incident-response.bpmn", "bpmn/incident-severity.dmn", "forms/classify-incident.form")
          .doesNotContain("forms/triage-incident.form");
      assertThat(new String(repositoryService.getResourceAsStream(id, "triage-incident.form").readAllBytes()))
          .contains("Edited: ");
    } finally {
      repositoryService.deleteDeployment(id, true);
    }
    assertThat(latest().getId()).isEqualTo(shipped.getId());
  }

  private void assertRefused(ModelerDeployment deployment, String message) throws Exception {
    long deployments = repositoryService.createDeploymentQuery().count();
    ProcessDefinition latest = latest();
    ResponseEntity<String> response = deployment.postAs(rest, "owner", "owner");
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode problem = JSON.readTree(response.getBody());
    assertThat(problem.path("message").asText()).startsWith("SOP deployment 'incident-response-sop' refused")
        .contains(message);
    assertThat(repositoryService.createDeploymentQuery().count()).as("deployments").isEqualTo(deployments);
    assertThat(latest().getId()).isEqualTo(latest.getId());
    assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(Sop.DECISION_POLICY)
        .latestVersion().singleResult().getDeploymentId()).isEqualTo(latest.getDeploymentId());
  }

  private ProcessDefinition latest() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(Sop.PROCESS_KEY).latestVersion()
        .singleResult();
  }
}
