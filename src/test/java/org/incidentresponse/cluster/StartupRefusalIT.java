package org.incidentresponse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, started as the Docker image starts it in the production profile, refuses to
 * start without secrets: no admin password, and no database URL. No database is needed for this:
 * the checks come before any connection.
 */
class StartupRefusalIT {

  @Test
  void refusesToStartWithoutAnAdminPassword() throws Exception {
    Map<String, String> env = productionEnvironment();
    env.remove("CAMUNDA_BPM_ADMIN_USER_PASSWORD");
    Result result = run(env, "no-admin-password");
    assertThat(result.exitCode).as(result.output).isNotZero();
    assertThat(result.output).contains("camunda.bpm.admin-user.password");
    assertThat(result.output).doesNotContain("Started IncidentResponseApplication");
  }

  @Test
  void refusesToStartInTheProductionProfileWithoutADatabaseUrl() throws Exception {
    Map<String, String> env = productionEnvironment();
    env.remove("SPRING_DATASOURCE_URL");
    Result result = run(env, "no-datasource-url");
    assertThat(result.exitCode).as(result.output).isNotZero();
    assertThat(result.output).contains("SPRING_DATASOURCE_URL");
    assertThat(result.output).doesNotContain("Started IncidentResponseApplication");
  }

  private static Map<String, String> productionEnvironment() {
    Map<String, String> env = new LinkedHashMap<>(AppNode.imageEnvironment());
    env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/none");
    env.put("SPRING_DATASOURCE_USERNAME", "incident_response");
    env.put("CAMUNDA_BPM_ADMIN_USER_ID", "admin");
    env.put("CAMUNDA_BPM_ADMIN_USER_PASSWORD", "a-real-secret");
    env.put("SERVER_PORT", String.valueOf(AppNode.freePort()));
    env.put("JAVA_TOOL_OPTIONS", "-Xmx256m -XX:TieredStopAtLevel=1");
    return env;
  }

  record Result(int exitCode, String output) {}

  private static Result run(Map<String, String> env, String name) throws Exception {
    Path jar = AppNode.jar();
    assumeTrue(jar != null, "No packaged jar in target/: run ./mvnw verify");
    Path log = Files.createDirectories(Path.of("target", "cluster-it")).resolve(name + ".log");
    List<String> command = AppNode.entrypoint(jar);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Only what is set here: none of this JVM's own SPRING_*/CAMUNDA_* variables leak in.
    builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("CAMUNDA_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after 120 s: it should have refused to start; see " + log);
    }
    return new Result(process.exitValue(), Files.readString(log));
  }
}
