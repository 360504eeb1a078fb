package org.incidentresponse.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml and docker/Dockerfile, checked without a Docker engine: the structure the
 * docs/operators.md promises, and no secret with a default. (`docker compose -f docker/compose.yaml config`
 * validates the file fully where the compose plugin is installed.)
 */
class DockerRecipeTest {

  @Test
  @SuppressWarnings("unchecked")
  void composeRunsPostgresMailpitAndTwoNodesOnOneDatabaseWithoutDefaultSecrets() throws Exception {
    String text = Files.readString(Path.of("docker/compose.yaml"));
    Map<String, Object> compose = new Yaml().load(text);
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services).containsKeys("postgres", "mailpit", "app-1", "app-2");
    assertThat((List<String>) services.get("app-1").get("ports")).containsExactly("8080:8080");
    assertThat((List<String>) services.get("app-2").get("ports")).containsExactly("8081:8080");
    assertThat((List<String>) services.get("mailpit").get("ports")).contains("8025:8025");
    for (String app : List.of("app-1", "app-2")) {
      Map<String, Object> env = (Map<String, Object>) services.get(app).get("environment");
      assertThat(env.get("SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
      assertThat(env.get("SPRING_MAIL_HOST")).isEqualTo("mailpit");
      assertThat(String.valueOf(env.get("SPRING_MAIL_PORT"))).isEqualTo("1025");
      assertThat((String) env.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgres:5432/");
      for (String secret : List.of("SPRING_DATASOURCE_PASSWORD", "CAMUNDA_BPM_ADMIN_USER_ID",
          "CAMUNDA_BPM_ADMIN_USER_PASSWORD", "INCIDENT_INTAKE_TOKENS", "INCIDENT_ACKNOWLEDGE_SECRET")) {
        assertThat((String) env.get(secret)).as("%s of %s must come from .env, with no default", secret, app)
            .matches("\\$\\{" + secret.replace("SPRING_DATASOURCE_PASSWORD", "POSTGRES_PASSWORD") + ":\\?[^}]+}");
      }
      Map<String, Object> build = (Map<String, Object>) services.get(app).get("build");
      assertThat(build).containsEntry("context", "..").containsEntry("dockerfile", "docker/Dockerfile");
    }
    Map<String, Object> dependsOn = (Map<String, Object>) services.get("app-2").get("depends_on");
    assertThat(dependsOn).as("node 2 waits for node 1 on an empty database").containsKey("app-1");
    // No password-looking literal anywhere: every secret is a ${VAR:?message}.
    assertThat(Pattern.compile("(?im)^\\s*\\w*password:\\s*(?!\\$\\{)\\S").matcher(text).find()).isFalse();
  }

  @Test
  void dockerfileBuildsWithTheWrapperAndRunsAsNonRootWithAHealthcheck() throws Exception {
    String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
    assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count()).as("multi-stage").isEqualTo(2);
    assertThat(dockerfile).contains("./mvnw").contains("FROM eclipse-temurin:17-jdk AS build").contains("FROM eclipse-temurin:17-jre");
    String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    assertThat(runtime).containsPattern("(?m)^USER (?!root|0)\\S+");
    assertThat(runtime).containsPattern("(?m)^HEALTHCHECK .*\\n?.*/actuator/health");
    assertThat(runtime).containsPattern("(?m)^ENTRYPOINT \\[\"java\", .*\"-jar\"");
  }
}
