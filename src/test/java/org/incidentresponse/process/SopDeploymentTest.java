package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.sop.SopDeployment;
import org.incidentresponse.sop.SopProperties;
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
class SopDeploymentTest extends ProcessScenario {

  @Autowired RepositoryService repositoryService;
  @Autowired SopDeployment deployedAtStartup;

  @Test
  void unchangedSopNeverMakesANewVersionWhereverItIsReadFrom() {
    int version = latestVersion();
    deployedAtStartup.deploy();
    deployFrom("file:./");
    assertThat(latestVersion()).isEqualTo(version);
    assertThat(repositoryService.createDeploymentQuery().deploymentName("incident-response-sop").list()
        .get(0).getName()).isEqualTo("incident-response-sop");
  }

  @Test
  void changedSopMakesANewVersionAndRunningIncidentsKeepTheirs(@TempDir Path folder) throws IOException {
    ProcessInstance running = start(report("high", "high", false));
    int version = latestVersion();

    FileSystemUtils.copyRecursively(Path.of("bpmn"), folder.resolve("bpmn"));
    FileSystemUtils.copyRecursively(Path.of("forms"), folder.resolve("forms"));
    Path triageForm = folder.resolve("forms/triage-incident.form");
    Files.writeString(triageForm, Files.readString(triageForm).replace("\"label\": \"", "\"label\": \"Edited: "));
    try {
      deployFrom(folder.toUri().toString());
      assertThat(latestVersion()).isEqualTo(version + 1);
      // The whole SOP moved together, so the new version finds its forms in its own deployment.
      String newDeployment = repositoryService.createProcessDefinitionQuery().processDefinitionKey("incident-response")
          .latestVersion().singleResult().getDeploymentId();
      List<String> resources = repositoryService.getDeploymentResourceNames(newDeployment);
      assertThat(resources).contains("bpmn/incident-response.bpmn", "bpmn/incident-severity.dmn",
          "forms/triage-incident.form", "forms/report-incident.form");
      assertThat(repositoryService.getProcessDefinition(running.getProcessDefinitionId()).getVersion()).isEqualTo(version);
      assertThat(task(running, "Task_TriageIncident")).isNotNull();
    } finally {
      // Later tests in this context start incidents on the SOP as shipped.
      deployedAtStartup.deploy();
    }
  }

  private void deployFrom(String location) {
    new SopDeployment(repositoryService, new PathMatchingResourcePatternResolver(),
        new SopProperties(location, null, null)).deploy();
  }

  private int latestVersion() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey("incident-response")
        .latestVersion().singleResult().getVersion();
  }
}
