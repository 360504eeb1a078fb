package org.incidentresponse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.incidentresponse.identity.IdentityProperties.Grant;
import org.incidentresponse.identity.IdentityProperties.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The declared roles, grants and filters name the groups, tasks, process and decisions the SOP
 * really has, so that a renamed task or candidate group in the BPMN cannot silently leave a role
 * without access or a filter empty. Reads the files only; no Spring context.
 */
class IdentityMatchesSopTest {

  private static IdentityProperties identity;
  private static BpmnModelInstance sop;
  private static Set<String> decisionKeys;
  /** The SOP's process and the app's own processes beside it (scheduled maintenance, outbound delivery, cover an on-call shift). */
  private static Set<String> processKeys;

  @BeforeAll
  static void read() throws IOException {
    var yaml = new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"));
    identity = new Binder(ConfigurationPropertySources.from(yaml))
        .bind("incident-response.identity", IdentityProperties.class).get();
    try (InputStream in = new ClassPathResource("bpmn/incident-response.bpmn").getInputStream()) {
      sop = Bpmn.readModelFromStream(in);
    }
    processKeys = new java.util.TreeSet<>();
    for (String pattern : List.of("classpath:bpmn/*.bpmn", "classpath:maintenance/*.bpmn", "classpath:outbound/*.bpmn", "classpath:oncall/*.bpmn",
        "classpath:followup/*.bpmn")) {
      for (Resource bpmn : new PathMatchingResourcePatternResolver().getResources(pattern)) {
        try (InputStream in = bpmn.getInputStream()) {
          Bpmn.readModelFromStream(in).getModelElementsByType(Process.class).forEach(p -> processKeys.add(p.getId()));
        }
      }
    }
    decisionKeys = new java.util.TreeSet<>();
    for (Resource dmn : new PathMatchingResourcePatternResolver().getResources("classpath:bpmn/*.dmn")) {
      try (InputStream in = dmn.getInputStream()) {
        Dmn.readModelFromStream(in).getModelElementsByType(Decision.class).forEach(d -> decisionKeys.add(d.getId()));
      }
    }
  }

  @Test
  void everyCandidateGroupOfTheSopIsADeclaredRole() {
    Set<String> candidateGroups = sop.getModelElementsByType(UserTask.class).stream()
        .map(UserTask::getCamundaCandidateGroups)
        .filter(Objects::nonNull)
        .flatMap(groups -> Arrays.stream(groups.split(",")))
        .map(String::trim)
        // ${triageGroup}: the owning team's group from the catalog (validated there), else responders.
        .map(group -> group.equals("${triageGroup}") ? "responders" : group)
        .collect(Collectors.toSet());

    assertThat(identity.roles().stream().map(Role::group).toList()).containsAll(candidateGroups);
  }

  @Test
  void grantsNameTheSopsProcessAndDecisions() {
    assertThat(resourceIds(Resources.PROCESS_DEFINITION)).isNotEmpty().isSubsetOf(processKeys);
    assertThat(resourceIds(Resources.DECISION_DEFINITION)).isNotEmpty().isSubsetOf(decisionKeys);
  }

  @Test
  void filtersNameUserTasksOfTheSopAndDeclaredGroups() {
    Set<String> userTasks = sop.getModelElementsByType(UserTask.class).stream()
        .map(UserTask::getId).collect(Collectors.toSet());
    List<String> groups = identity.roles().stream().map(Role::group).toList();

    identity.filters().forEach(filter -> {
      if (filter.query().taskDefinitionKey() != null) {
        assertThat(userTasks).as(filter.name()).contains(filter.query().taskDefinitionKey());
      }
      assertThat(groups).as(filter.name()).containsAll(filter.visibleTo());
    });
  }

  private static Set<String> resourceIds(Resources resource) {
    return identity.roles().stream()
        .map(Role::grants)
        .flatMap(Collection::stream)
        .filter(grant -> grant.resource() == resource)
        .map(Grant::resourceIds)
        .flatMap(Collection::stream)
        .collect(Collectors.toSet());
  }
}
