package org.incidentresponse.sop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Camunda Modeler's Deploy button against {@code /engine-rest}: process owners and admins deploy an
 * edited SOP (the BPMN, the DMN and the forms in one deployment), everyone else gets 403 and nothing
 * is deployed. Each deployment made here is deleted afterwards: other tests start incidents on the
 * latest version, which must be the SOP as shipped.
 */
@AppTest
class ModelerDeploymentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;
  @Value("${camunda.bpm.admin-user.password}") String adminPassword;

  @Test
  void aProcessOwnerDeploysTheEditedSopAsModelerDoes() throws Exception {
    assertDeploysAsModelerDoes("owner", "owner");
  }

  @Test
  void anAdminDeploysTheEditedSopAsModelerDoes() throws Exception {
    assertDeploysAsModelerDoes("admin", adminPassword);
  }

  @Test
  void aProcessOwnerSeesTheDeploymentsAndTheSopsDefinitionsModelerNeeds() throws Exception {
    TestRestTemplate owner = rest.withBasicAuth("owner", "owner");
    JsonNode deployments = JSON.readTree(owner.getForObject("/engine-rest/deployment?name=incident-response-sop", String.class));
    assertThat(deployments).as("deployments of the SOP the owner can read").isNotEmpty();
    assertThat(owner.getForEntity("/engine-rest/process-definition/key/incident-response", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(owner.getForEntity("/engine-rest/decision-definition/key/severity-policy", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    // Deleting versions is an admin's job: the grant is CREATE and READ only.
    String id = deployments.get(0).get("id").asText();
    assertThat(owner.exchange("/engine-rest/deployment/" + id, org.springframework.http.HttpMethod.DELETE, null, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void respondersAndAuditorsAreRefusedAndNothingIsDeployed() {
    long deployments = repositoryService.createDeploymentQuery().count();
    ProcessDefinition latest = latest();
    for (String user : new String[] {"responder", "commander", "auditor"}) {
      ResponseEntity<String> response = relabelled().postAs(rest, user, user);
      assertThat(response.getStatusCode()).as(user + ": " + response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(response.getBody()).contains("AuthorizationException");
    }
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(latest().getId()).isEqualTo(latest.getId());
  }

  private void assertDeploysAsModelerDoes(String user, String password) throws Exception {
    ProcessDefinition shipped = latest();
    ResponseEntity<String> response = relabelled().postAs(rest, user, password);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    String deploymentId = JSON.readTree(response.getBody()).get("id").asText();
    try {
      ProcessDefinition deployed = latest();
      assertThat(deployed.getDeploymentId()).isEqualTo(deploymentId);
      assertThat(deployed.getVersion()).isEqualTo(shipped.getVersion() + 1);
      assertThat(repositoryService.getBpmnModelInstance(deployed.getId())
          .getModelElementById(SopActivity.Task_LogIncident.id()).getAttributeValue("name"))
          .isEqualTo("Log the incident");
      // The forms and decisions travel with the process (formRefBinding and decisionRefBinding "deployment").
      assertThat(repositoryService.getDeploymentResourceNames(deploymentId))
          .contains("incident-response.bpmn", "incident-severity.dmn", "triage-incident.form", "report-incident.form");
      assertThat(repositoryService.createDeploymentQuery().deploymentId(deploymentId).singleResult().getSource())
          .isEqualTo(ModelerDeployment.SOURCE);
      // The SOP versions list says who deployed it, from where.
      JsonNode versions = JSON.readTree(rest.withBasicAuth("owner", "owner").getForObject("/api/sop/versions", String.class));
      assertThat(versions.get(versions.size() - 1).path("deploymentId").asText()).isEqualTo(deploymentId);
      assertThat(versions.get(versions.size() - 1).path("deployedBy").asText()).isEqualTo(user);
      assertThat(versions.get(versions.size() - 1).path("deploymentSource").asText()).isEqualTo(ModelerDeployment.SOURCE);
    } finally {
      repositoryService.deleteDeployment(deploymentId, true);
    }
    assertThat(latest().getId()).isEqualTo(shipped.getId());
  }

  /** The whole SOP with one step relabelled: an allowed change that makes a new version. */
  private static ModelerDeployment relabelled() {
    return ModelerDeployment.wholeSop().edit("incident-response.bpmn",
        bpmn -> bpmn.replace("id=\"Task_LogIncident\" name=\"Log incident\"", "id=\"Task_LogIncident\" name=\"Log the incident\""));
  }

  private ProcessDefinition latest() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(Sop.PROCESS_KEY).latestVersion()
        .singleResult();
  }
}
