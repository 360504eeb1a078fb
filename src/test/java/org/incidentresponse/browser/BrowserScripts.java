package org.incidentresponse.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What every browser test shares: the scripts in {@code src/test/browser}, driven by playwright-core
 * in Debian's Chromium. A test is skipped, saying why, only when node or Chromium is missing; npm
 * installs playwright-core from the committed package-lock.json, once, and never downloads a browser.
 */
public final class BrowserScripts {

  public static final Path DIR = Path.of("src/test/browser");
  public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

  private BrowserScripts() {}

  /** Skips the calling test when node or Chromium is missing; installs playwright-core when it is not yet. */
  public static synchronized void require() throws IOException, InterruptedException {
    assumeTrue(onPath("node"), "node is not installed: apt-get install nodejs npm (CI's .ci/run does)");
    assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: apt-get install chromium (CI's .ci/run does)");
    if (Files.isDirectory(DIR.resolve("node_modules/playwright-core"))) {
      return;
    }
    assertThat(onPath("npm")).as("npm installs playwright-core into %s: apt-get install npm (CI's .ci/run does)", DIR)
        .isTrue();
    ProcessBuilder npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
        .directory(DIR.toFile()).redirectErrorStream(true).inheritIO();
    npm.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    Process process = npm.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
    assertThat(process.exitValue()).as("npm ci in %s", DIR).isZero();
  }

  /**
   * Runs {@code node <script> <args>} in {@link #DIR}, its output appended to {@code log} (made afresh),
   * and fails the test with that output unless it exits 0 within the timeout.
   */
  public static void run(Path log, Map<String, String> environment, int timeoutSeconds, String script, String... args)
      throws IOException, InterruptedException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    Files.deleteIfExists(log);
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toAbsolutePath().toFile()));
    builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s; its output:\n" + Files.readString(log));
    }
    assertThat(process.exitValue()).as("node %s/%s exit code; its output:%n%s", DIR, script, Files.readString(log)).isZero();
  }

  public static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
