package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.incidentresponse.oncall.OnCall;
import org.incidentresponse.oncall.OnCallRole;
import org.incidentresponse.oncall.ShiftCover;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "Cover an on-call shift" in a real browser ({@code src/test/browser/oncall.mjs}, playwright-core
 * and Debian's Chromium): bob fills the start form in Tasklist to cover carol's primary shift on
 * Saturday 6 February 2027, 10:00 to 14:00 Berlin (week 56 of the demo rotation: carol), carol
 * accepts in the task Tasklist shows her, and bob sees the shift in his own calendar export. This
 * test answers the script's {@code @@sync} by running the due jobs of the cover processes.
 * Skipped, with the reason, when node or /usr/bin/chromium is missing.
 */
class ShiftCoverBrowserTest extends ProcessScenario {

  static final Path BROWSER = Path.of("src/test/browser");
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

  @LocalServerPort int port;
  @Autowired OnCall onCall;

  @Test
  void aResponderCoversATeamMatesShiftThroughTasklist() throws Exception {
    assumeTrue(onPath("node") && onPath("npm"), "node/npm are not installed; browser test skipped");
    assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: apt-get install chromium");
    if (!Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"))) {
      ProcessBuilder npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(BROWSER.toFile()).inheritIO();
      npm.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
      assertThat(npm.start().waitFor()).as("npm ci").isZero();
    }
    List<String> before = coverInstances();

    Process node = new ProcessBuilder("node", "oncall.mjs", "http://localhost:" + port, "2/6/2027", "2/6/2027")
        .directory(BROWSER.toFile()).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    Thread watchdog = new Thread(() -> {
      try {
        if (!node.waitFor(240, TimeUnit.SECONDS)) {
          node.destroyForcibly();
        }
      } catch (InterruptedException e) {
        node.destroyForcibly();
      }
    });
    watchdog.setDaemon(true);
    watchdog.start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        Writer answers = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null) {
        System.out.println("[oncall.mjs] " + line);
        output.add(line);
        if (line.equals("@@sync")) {
          coverInstances().stream().filter(id -> !before.contains(id) && !incidents.contains(id)).forEach(incidents::add);
          runDueJobs();
          answers.write("ok\n");
          answers.flush();
        }
      }
    } finally {
      if (!node.waitFor(240, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    }
    assertThat(node.exitValue()).as("node src/test/browser/oncall.mjs:%n%s", String.join("\n", output)).isZero();

    assertThat(onCall.at(onCall.catalog().team("payments").orElseThrow(), OnCallRole.PRIMARY,
        Instant.parse("2027-02-06T09:00:00Z")).orElseThrow().user()).isEqualTo("bob");
    assertThat(mailsTo("carol@example.org")).anySatisfy(mail ->
        assertThat(subject(mail)).isEqualTo("bob offers to cover your primary on-call shift (Payments)"));
    assertThat(mailsTo("bob@example.org")).anySatisfy(mail ->
        assertThat(subject(mail)).startsWith("Shift covered: bob is primary on call for Payments"));
    assertThat(output).anySatisfy(line -> assertThat(line).startsWith("@@ics ")
        .contains("DTSTART:20270206T090000Z\\r\\nDTEND:20270206T130000Z"));
  }

  private List<String> coverInstances() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(ShiftCover.PROCESS_KEY).list().stream()
        .map(instance -> instance.getId()).toList();
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
