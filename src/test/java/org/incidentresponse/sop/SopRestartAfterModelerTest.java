package org.incidentresponse.sop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.FileSystemUtils;

/**
 * A restart after a process owner deployed from Camunda Modeler: {@link SopDeployment} runs as at
 * start, on a copy of the repository's {@code bpmn/} and {@code forms/}. Older files never revert
 * the Modeler's version; files changed after it are deployed.
 */
@AppTest
@ExtendWith(OutputCaptureExtension.class)
class SopRestartAfterModelerTest {

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;

  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void backToTheShippedSop() {
    // Other tests start incidents on the latest version: the SOP as shipped.
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  @Test
  void olderFilesKeepTheModelersVersionAndNewerOnesAreDeployed(@TempDir Path folder, CapturedOutput output)
      throws IOException {
    ProcessDefinition shipped = latest();
    Deployment modeler = deployFromModeler();
    long count = repositoryService.createDeploymentQuery().count();
    Instant deployedAt = modeler.getDeploymentTime().toInstant();
    FileSystemUtils.copyRecursively(Path.of("bpmn"), folder.resolve("bpmn"));
    FileSystemUtils.copyRecursively(Path.of("forms"), folder.resolve("forms"));

    // The repository as it was before the Modeler deployment: the restart keeps the Modeler's version.
    assertThat(restart(folder).getId()).isEqualTo(modeler.getId());
    assertThat(latest().getDeploymentId()).isEqualTo(modeler.getId());
    assertThat(latest().getVersion()).isEqualTo(shipped.getVersion() + 1);
    assertThat(output.getOut()).contains("are older than deployment " + modeler.getId() + " made by 'Camunda Modeler'")
        .contains("they equal an earlier deployment");

    // Edited, but last saved before the Modeler deployment: still older, still kept.
    Path triage = folder.resolve("forms/triage-incident.form");
    Files.writeString(triage, Files.readString(triage).replace("\"label\": \"", "\"label\": \"Edited: "));
    touch(folder, deployedAt.minusSeconds(3600));
    assertThat(restart(folder).getId()).isEqualTo(modeler.getId());
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(count);

    // Saved after the Modeler deployment: the repository is newer, and it is deployed.
    touch(folder, deployedAt.plusSeconds(60));
    Deployment newer = restart(folder);
    deployments.add(newer.getId());
    assertThat(newer.getId()).isNotEqualTo(modeler.getId());
    assertThat(latest().getDeploymentId()).isEqualTo(newer.getId());
    assertThat(latest().getVersion()).isEqualTo(shipped.getVersion() + 2);
  }

  @Test
  void theFilesTheModelerDeployedMakeNoNewVersion(@TempDir Path folder) throws IOException {
    Deployment modeler = deployFromModeler();
    long count = repositoryService.createDeploymentQuery().count();
    FileSystemUtils.copyRecursively(Path.of("bpmn"), folder.resolve("bpmn"));
    FileSystemUtils.copyRecursively(Path.of("forms"), folder.resolve("forms"));
    Path bpmn = folder.resolve("bpmn/incident-response.bpmn");
    Files.writeString(bpmn, relabel(Files.readString(bpmn)));
    touch(folder, modeler.getDeploymentTime().toInstant().plusSeconds(60));

    // The process owner committed what they deployed: the repository is in line again.
    assertThat(restart(folder).getId()).isEqualTo(modeler.getId());
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(count);
    assertThat(latest().getDeploymentId()).isEqualTo(modeler.getId());
  }

  private Deployment deployFromModeler() throws IOException {
    ResponseEntity<String> response = ModelerDeployment.wholeSop().edit("incident-response.bpmn", this::relabel)
        .postAs(rest, "owner", "owner");
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    String id = new ObjectMapper().readTree(response.getBody()).get("id").asText();
    deployments.add(id);
    return repositoryService.createDeploymentQuery().deploymentId(id).singleResult();
  }

  private String relabel(String bpmn) {
    return bpmn.replace("name=\"Log incident\"", "name=\"Log the incident\"");
  }

  private Deployment restart(Path folder) {
    return new SopDeployment(repositoryService, new PathMatchingResourcePatternResolver(),
        new SopProperties(folder.toUri().toString(), null, null)).deploy();
  }

  private static void touch(Path folder, Instant when) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, FileTime.from(when));
      }
    }
  }

  private ProcessDefinition latest() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(Sop.PROCESS_KEY).latestVersion()
        .singleResult();
  }
}
