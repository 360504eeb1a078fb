package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.sop.SopDeployment;
import org.incidentresponse.sop.SopProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.FileSystemUtils;

/**
 * Redeploying the SOP: the same files, read from the jar's classpath or from the working folder as
 * {@code spring-boot:run} and {@code java -jar} do, never make a new version; a changed file does,
 * and running incidents keep the version they started on.
 */
@Tag("postgres")
class SopDeploymentTest extends ProcessScenario {

  @Autowired RepositoryService repositoryService;
  @Autowired SopDeployment deployedAtStartup;

  @Test
  void unchangedSopNeverMakesANewVersionWhereverItIsReadFrom() {
    ProcessDefinition current = latest();
    long deployments = repositoryService.createDeploymentQuery().count();

    Deployment fromClasspath = deployedAtStartup.deploy();
    Deployment fromFolder = deployFrom("file:./");

    assertThat(fromClasspath.getId()).as("redeployed from the classpath").isEqualTo(current.getDeploymentId());
    assertThat(fromFolder.getId()).as("redeployed from the working folder").isEqualTo(current.getDeploymentId());
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(latest().getId()).isEqualTo(current.getId());
    // The name that the next start compares against: the one the running SOP was deployed under.
    assertThat(repositoryService.createDeploymentQuery().deploymentId(current.getDeploymentId()).singleResult()
        .getName()).isEqualTo("incident-response-sop");
  }

  @Test
  void changedSopMakesANewVersionAndRunningIncidentsKeepTheirs(@TempDir Path folder) throws IOException {
    ProcessInstance running = start(report("high", "high", false));
    ProcessDefinition shipped = latest();

    FileSystemUtils.copyRecursively(Path.of("bpmn"), folder.resolve("bpmn"));
    FileSystemUtils.copyRecursively(Path.of("forms"), folder.resolve("forms"));
    Path triageForm = folder.resolve("forms/triage-incident.form");
    Files.writeString(triageForm, Files.readString(triageForm).replace("\"label\": \"", "\"label\": \"Edited: "));
    Deployment edited = deployFrom(folder.toUri().toString());
    try {
      assertThat(latest().getVersion()).isEqualTo(shipped.getVersion() + 1);
      // The whole SOP moved together, so the new version finds its forms in its own deployment.
      assertThat(latest().getDeploymentId()).isEqualTo(edited.getId());
      List<String> resources = repositoryService.getDeploymentResourceNames(edited.getId());
      assertThat(resources).contains("bpmn/incident-response.bpmn", "bpmn/incident-severity.dmn",
          "forms/triage-incident.form", "forms/report-incident.form");
      assertThat(repositoryService.getProcessDefinition(running.getProcessDefinitionId()).getVersion())
          .isEqualTo(shipped.getVersion());
      assertThat(task(running, "Task_TriageIncident")).isNotNull();
    } finally {
      // Other tests in the shared engine start their incidents on the latest version: the SOP as shipped.
      repositoryService.deleteDeployment(edited.getId(), true);
    }
    assertThat(latest().getId()).isEqualTo(shipped.getId());
  }

  private Deployment deployFrom(String location) {
    return new SopDeployment(repositoryService, new PathMatchingResourcePatternResolver(),
        new SopProperties(location, null, null)).deploy();
  }

  private ProcessDefinition latest() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey("incident-response")
        .latestVersion().singleResult();
  }
}
