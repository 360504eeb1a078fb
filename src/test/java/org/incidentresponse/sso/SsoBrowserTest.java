package org.incidentresponse.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.browser.BrowserScripts;
import org.incidentresponse.IncidentStartJobs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Single sign-on in a real browser: {@code src/test/browser/sso.mjs} drives Debian's headless
 * Chromium into Tasklist through the identity provider (mock-oauth2-server on 127.0.0.1, the
 * authorization code flow with PKCE and its redirects), claims a task as the responder the provider
 * logged in, and logs out with Tasklist's own button, through the provider's end-session endpoint.
 *
 * <p>Skipped, with the reason, when {@code node} or {@code /usr/bin/chromium} is missing.
 */
@SsoTest
class SsoBrowserTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @Test
  void aResponderLogsInThroughTheProviderClaimsATaskAndLogsOut() throws Exception {
    BrowserScripts.require();
    String title = "SSO browser incident " + System.nanoTime();
    ProcessInstance incident = runtimeService.startProcessInstanceByKey("incident-response", Map.of("title", title,
        "description", "502", "service", "checkout-api", "impact", "high", "urgency", "high", "customerImpact", false));
    IncidentStartJobs.continueAfterLog(engine, incident.getId()); // the triage task comes from the job after Log incident
    try {
      TestOidcProvider.nextLogin("parker.sso", Map.of("groups", List.of("ir-responders"), "given_name", "Parker",
          "family_name", "Sso", "email", "parker.sso@example.org"));

      ProcessBuilder command = new ProcessBuilder("node", "sso.mjs", "http://localhost:" + port, title, "parker.sso")
          .directory(BrowserScripts.DIR.toFile()).redirectErrorStream(true);
      command.environment().put("SSO_SCREENSHOT", Path.of("target/sso-browser-failure.png").toAbsolutePath().toString());
      Process node = command.start();
      List<String> output = new ArrayList<>();
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          System.out.println("[sso.mjs] " + line);
          output.add(line);
        }
      }
      assertThat(node.waitFor(4, TimeUnit.MINUTES)).isTrue();
      assertThat(node.exitValue()).as("sso.mjs exit code; its output:%n%s", String.join("\n", output)).isZero();
      assertThat(output).contains("@@done");
      assertThat(taskService.createTaskQuery().processInstanceId(incident.getId())
          .taskDefinitionKey("Task_TriageIncident").singleResult().getAssignee()).isEqualTo("parker.sso");
    } finally {
      runtimeService.deleteProcessInstance(incident.getId(), "test");
    }
  }
}
