package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.versions.SopVersions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Cockpit plugin "SOP versions" in real headless Chromium: {@code src/test/browser/sop-versions.mjs}
 * logs in as a process owner, sees the versions with their running incidents and the changes of an
 * edited SOP, runs a dry run, then migrates two incidents (one at triage, one inside the response)
 * to the new version; they continue there to closure. Screenshots: {@code target/browser/}. Skipped
 * only when node or /usr/bin/chromium is missing.
 */
class SopVersionsBrowserTest extends ProcessScenario {

  static final Path BROWSER = Path.of("src/test/browser");
  static final Path LOG = Path.of("target/browser/sop-versions.log").toAbsolutePath();

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;

  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void backToTheShippedSop() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  @Test
  void ownerComparesVersionsDryRunsAndMigratesIncidentsInCockpit() throws Exception {
    assumeTrue(new File("/usr/bin/chromium").canExecute() || System.getenv("CHROMIUM_PATH") != null,
        "Chromium is not installed at /usr/bin/chromium (apt-get install chromium); browser test skipped");
    assumeTrue(onPath("node") && onPath("npm"), "node/npm are not installed; browser test skipped");
    Files.createDirectories(LOG.getParent());
    Files.deleteIfExists(LOG);
    if (!Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"))) {
      assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300)).as("npm ci").isZero();
    }

    ProcessDefinition shipped = latest();
    ProcessInstance atTriage = start(report("high", "high", false));
    ProcessInstance inResponse = start(report("high", "high", false));
    throughTimeline(inResponse, false);
    ProcessDefinition edited = deployEditedSop();

    int exit = run(List.of("node", "sop-versions.mjs", "http://localhost:" + port, String.valueOf(shipped.getVersion()),
        String.valueOf(edited.getVersion()), number(atTriage) + "," + number(inResponse),
        Path.of("target/browser").toAbsolutePath().toString()), 240);
    assertThat(exit).as("node src/test/browser/sop-versions.mjs exit code (screenshots in target/browser):%n%s",
        Files.readString(LOG)).isZero();

    // Moved by the owner through the plugin, recorded in each incident's history, and on to closure.
    for (ProcessInstance incident : List.of(atTriage, inResponse)) {
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(incident.getId()).singleResult()
          .getProcessDefinitionId()).isEqualTo(edited.getId());
      assertThat(taskService.getProcessInstanceComments(incident.getId())).singleElement().satisfies(comment -> {
        assertThat(comment.getFullMessage()).isEqualTo(SopVersions.migrationNote(shipped.getVersion(), edited.getVersion()));
        assertThat(comment.getUserId()).isEqualTo("owner");
      });
    }
    throughTimeline(atTriage, false);
    for (ProcessInstance incident : List.of(atTriage, inResponse)) {
      complete(incident, "Task_ResolveIncident", "responder", java.util.Map.of("rootCause", "Expired certificate",
          "resolutionSummary", "Certificate renewed", "followUpActions", "Automate renewal"));
      complete(incident, "Task_ConductPostIncidentReview", "commander", java.util.Map.of("reviewTimeline", "10:00 alert",
          "reviewRootCause", "Expiry not monitored", "reviewWentWell", "Failover", "reviewWentBadly", "No owner",
          "reviewLessonsLearned", "Alert early", "reviewActionItems", "Expiry alert"));
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(incident.getId()).count())
          .as("incident closed").isZero();
    }
    assertThat(Path.of("target/browser/sop-versions-migrated.png")).exists();
  }

  private String number(ProcessInstance incident) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(incident.getId()).singleResult().getBusinessKey();
  }

  /** The SOP of the repository with "Log incident" relabelled, deployed as a new version. */
  private ProcessDefinition deployEditedSop() throws Exception {
    DeploymentBuilder builder = repositoryService.createDeployment().name("incident-response-sop").source("test");
    String bpmn = Files.readString(Path.of("bpmn/incident-response.bpmn"))
        .replace("name=\"Log incident\"", "name=\"Log the incident\"");
    builder.addInputStream("bpmn/incident-response.bpmn", new ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)));
    builder.addInputStream("bpmn/incident-severity.dmn", Files.newInputStream(Path.of("bpmn/incident-severity.dmn")));
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        builder.addInputStream("forms/" + form.getFileName(), Files.newInputStream(form));
      }
    }
    deployments.add(builder.deploy().getId());
    return latest();
  }

  private ProcessDefinition latest() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey("incident-response").latestVersion()
        .singleResult();
  }

  private static int run(List<String> command, int timeoutSeconds) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(BROWSER.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
    builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
    }
    return process.exitValue();
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, program).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
