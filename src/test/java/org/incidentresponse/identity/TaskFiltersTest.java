package org.incidentresponse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

@AppTest
class TaskFiltersTest extends EngineRestTestSupport {

  private static final ObjectMapper json = new ObjectMapper();

  @Autowired
  private FilterService filterService;

  @ParameterizedTest(name = "{0} sees {1}")
  @CsvSource(delimiter = '|', value = {
      "responder | My tasks;My groups — unassigned;Open SEV1/SEV2;My follow-ups",
      "commander | My tasks;My groups — unassigned;Open SEV1/SEV2;Post-incident reviews due;My follow-ups;Overdue follow-ups",
      "comms     | My tasks;My groups — unassigned;Open SEV1/SEV2;My follow-ups",
      "owner     | Post-incident reviews due;My follow-ups;Overdue follow-ups",
      "auditor   | ''"
  })
  void eachRoleSeesItsFilters(String userId, String expected) throws Exception {
    var response = as(userId).getForEntity("/engine-rest/filter?resourceType=Task&sortBy=name&sortOrder=asc",
        String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> names = new ArrayList<>();
    json.readTree(response.getBody()).forEach(filter -> names.add(filter.get("name").asText()));
    List<String> expectedNames = expected.isEmpty() ? List.of() : List.of(expected.split(";"));
    assertThat(names).containsExactlyInAnyOrderElementsOf(expectedNames);
  }

  @Test
  void filtersCarryTasklistPropertiesAndTheirQuery() throws Exception {
    JsonNode myTasks = filterNamed("My tasks");
    assertThat(myTasks.at("/query/assigneeExpression").asText()).isEqualTo("${currentUser()}");
    assertThat(myTasks.at("/properties/refresh").asBoolean()).isTrue();
    assertThat(myTasks.at("/properties/priority").asInt()).isEqualTo(10);
    assertThat(myTasks.at("/properties/color").asText()).isNotBlank();
    List<String> variables = new ArrayList<>();
    myTasks.at("/properties/variables").forEach(variable -> variables.add(
        variable.get("name").asText() + "=" + variable.get("label").asText()));
    assertThat(variables).containsExactly(
        "service=Service", "severity=Severity", "incidentNumber=Incident", "title=Title");

    JsonNode groups = filterNamed("My groups — unassigned");
    assertThat(groups.at("/query/candidateGroupsExpression").asText()).isEqualTo("${currentUserGroups()}");
    assertThat(groups.at("/query/unassigned").asBoolean()).isTrue();
    assertThat(sorting(groups)).containsExactly("priority desc");

    JsonNode severe = filterNamed("Open SEV1/SEV2");
    assertThat(severe.at("/query/minPriority").asInt()).isEqualTo(75);
    assertThat(sorting(severe)).containsExactly("priority desc", "created asc");

    JsonNode reviews = filterNamed("Post-incident reviews due");
    assertThat(reviews.at("/query/taskDefinitionKey").asText()).isEqualTo("Task_ConductPostIncidentReview");
    assertThat(sorting(reviews)).containsExactly("dueDate asc");

    JsonNode followUps = filterNamed("My follow-ups");
    assertThat(followUps.at("/query/assigneeExpression").asText()).isEqualTo("${currentUser()}");
    assertThat(followUps.at("/query/processDefinitionKey").asText()).isEqualTo("follow-up");
    JsonNode overdue = filterNamed("Overdue follow-ups");
    assertThat(overdue.at("/query/dueBeforeExpression").asText()).isEqualTo("${now()}");
    assertThat(overdue.at("/query/processDefinitionKey").asText()).isEqualTo("follow-up");
    assertThat(sorting(overdue)).containsExactly("dueDate asc");
  }

  @Test
  void filtersListTheRightTasksForTheUserLookingAtThem() throws Exception {
    String sev1Triage = triageTaskOf(reportIncident("responder", "high"));
    String sev4Triage = triageTaskOf(reportIncident("responder", "low"));

    assertThat(listed("responder", "My groups — unassigned")).contains(sev1Triage, sev4Triage);
    assertThat(listed("commander", "My groups — unassigned")).doesNotContain(sev1Triage, sev4Triage);
    assertThat(listed("responder", "Open SEV1/SEV2")).contains(sev1Triage).doesNotContain(sev4Triage);
    assertThat(listed("responder", "My tasks")).doesNotContain(sev1Triage);

    processEngine.getTaskService().claim(sev1Triage, "responder");
    assertThat(listed("responder", "My tasks")).contains(sev1Triage);
    assertThat(listed("responder", "My groups — unassigned")).doesNotContain(sev1Triage);
  }

  private String triageTaskOf(String processInstanceId) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey("Task_TriageIncident").singleResult().getId();
  }

  private List<String> listed(String userId, String filterName) throws Exception {
    String filterId = filterService.createFilterQuery().filterName(filterName).singleResult().getId();
    var response = as(userId).postForEntity("/engine-rest/filter/{id}/list?maxResults=1000", json("{}"),
        String.class, filterId);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return taskIds(response.getBody());
  }

  private JsonNode filterNamed(String name) throws Exception {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    var response = as("commander").getForEntity("/engine-rest/filter/{id}", String.class, filter.getId());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private static List<String> sorting(JsonNode filter) {
    List<String> sorting = new ArrayList<>();
    filter.at("/query/sorting").forEach(entry -> sorting.add(
        entry.get("sortBy").asText() + " " + entry.get("sortOrder").asText()));
    return sorting;
  }

  private static List<String> taskIds(String body) throws Exception {
    List<String> ids = new ArrayList<>();
    json.readTree(body).forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }
}
