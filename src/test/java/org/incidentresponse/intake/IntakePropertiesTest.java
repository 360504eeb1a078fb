package org.incidentresponse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/**
 * The alert mapping's defaults exist once, in {@link IntakeProperties}; application.yaml shows them
 * commented out for operators. The two must not drift apart.
 */
class IntakePropertiesTest {

  @Test
  void theMappingShownInApplicationYamlIsTheDefault() throws IOException {
    List<String> yaml = Files.readAllLines(Path.of("src/main/resources/application.yaml"));
    int start = yaml.indexOf("    # mapping:");
    assertThat(start).as("the commented mapping block in application.yaml").isPositive();
    StringBuilder uncommented = new StringBuilder("incident-response:\n  intake:\n");
    for (String line : yaml.subList(start, yaml.size())) {
      if (!line.startsWith("    #")) {
        break;
      }
      String content = line.replaceFirst("^    # ?", "    ");
      if (!content.strip().startsWith("#")) {
        uncommented.append(content).append('\n');
      }
    }
    List<PropertySource<?>> sources = new YamlPropertySourceLoader()
        .load("application.yaml mapping", new ByteArrayResource(uncommented.toString().getBytes()));
    StandardEnvironment environment = new StandardEnvironment();
    sources.forEach(environment.getPropertySources()::addFirst);

    IntakeProperties.Mapping shown = Binder.get(environment)
        .bind("incident-response.intake.mapping", IntakeProperties.Mapping.class).get();
    IntakeProperties.Mapping defaults = new IntakeProperties(null, null, null, null).mapping();
    assertThat(shown).usingRecursiveComparison().isEqualTo(defaults);
    assertThat(shown.description()).as("a field with two lookups, to show the block was read")
        .containsExactly("annotations.description", "annotations.message");
    assertThat(shown.severities()).containsOnlyKeys("critical", "warning", "info")
        .containsEntry("critical", new IntakeProperties.ImpactUrgency("high", "high"));
  }

  @Test
  void anOperatorsMappingReplacesTheDefaultFieldByField() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("operator",
        Map.of("incident-response.intake.mapping.service[0]", "labels.job")));
    IntakeProperties.Mapping mapping = Binder.get(environment)
        .bind("incident-response.intake.mapping", IntakeProperties.Mapping.class).get();
    assertThat(mapping.service()).containsExactly("labels.job");
    assertThat(mapping.title()).containsExactly("annotations.summary", "labels.alertname");
  }
}
