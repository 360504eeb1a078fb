package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Acknowledge link of a page, fetched over HTTP as a phone would: the page to team payments'
 * primary (carol on 30 November 2026) carries it; GET only confirms, POST claims triage as carol.
 */
class AcknowledgeLinkTest extends ProcessScenario {

  private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<]+/oncall/acknowledge/[A-Za-z0-9_.-]+");

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();

  ProcessInstance pagedIncident() {
    Map<String, Object> vars = report("high", "high", false);
    vars.put("service", "payment-gateway");
    return start(vars);
  }

  /** The link as the mail to carol carries it, pointed at this test's server. */
  String linkInMailTo(String address) {
    Matcher link = LINK.matcher(text(mailsTo(address).get(mailsTo(address).size() - 1)).replace("=\r\n", "").replace("=3D", "="));
    assertThat(link.find()).as("an acknowledge link in the page").isTrue();
    return link.group().replaceFirst("^https?://[^/]+", "http://localhost:" + port);
  }

  HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theLinkAcknowledgesForThePagedUserAfterConfirmationOnly() throws Exception {
    ProcessInstance incident = pagedIncident();
    String link = linkInMailTo("carol@example.org");

    HttpResponse<String> confirm = get(link);
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("Acknowledge this incident as <strong>carol</strong>").contains("<button")
        .contains("SEV1");
    get(link);
    assertThat(task(incident, "Task_TriageIncident").getAssignee()).as("a GET alone acknowledges nothing").isNull();
    assertThat(runtimeService.getVariable(incident.getId(), "acknowledgedBy")).isNull();

    HttpResponse<String> acknowledged = post(link);
    assertThat(acknowledged.statusCode()).isEqualTo(200);
    assertThat(acknowledged.body()).contains("Acknowledged by <strong>carol</strong>");
    assertThat(task(incident, "Task_TriageIncident").getAssignee()).isEqualTo("carol");
    assertThat(runtimeService.getVariable(incident.getId(), "acknowledgedBy")).isEqualTo("carol");
    assertThat(historyService.createUserOperationLogQuery().processInstanceId(incident.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_CLAIM).singleResult().getUserId())
        .as("recorded like a claim in Tasklist").isEqualTo("carol");

    advance(Duration.ofMinutes(5).plusSeconds(1));
    BpmnAwareTests.assertThat(incident).hasPassed("EndEvent_AlreadyAcknowledged");
    assertThat(mailsTo("alice@example.org")).as("the escalation stopped").isEmpty();
  }

  @Test
  void aLinkUsedTwiceChangesNothingTheSecondTime() throws Exception {
    ProcessInstance incident = pagedIncident();
    String link = linkInMailTo("carol@example.org");
    assertThat(post(link).statusCode()).isEqualTo(200);
    taskService.setAssignee(task(incident, "Task_TriageIncident").getId(), "bob");

    HttpResponse<String> again = post(link);

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("already used");
    assertThat(task(incident, "Task_TriageIncident").getAssignee()).isEqualTo("bob");
  }

  @Test
  void anExpiredLinkChangesNothing() throws Exception {
    ProcessInstance incident = pagedIncident();
    String link = linkInMailTo("carol@example.org");

    advance(Duration.ofMinutes(5).plusSeconds(1));
    HttpResponse<String> expired = post(link);

    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.body()).contains("expired");
    assertThat(task(incident, "Task_TriageIncident").getAssignee()).isNull();
    // The secondary's page has its own link, bound to alice.
    assertThat(linkInMailTo("alice@example.org")).isNotEqualTo(link);
  }

  @Test
  void aForgedOrTamperedLinkChangesNothing() throws Exception {
    ProcessInstance incident = pagedIncident();
    String link = linkInMailTo("carol@example.org");
    String[] parts = link.substring(link.lastIndexOf('/') + 1).split("\\.");
    // The same claims for bob, keeping carol's signature.
    String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"carol\"", "\"bob\"");
    String tampered = link.substring(0, link.lastIndexOf('/') + 1) + parts[0] + "."
        + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];

    assertThat(post(tampered).statusCode()).isEqualTo(403);
    assertThat(post(link.substring(0, link.length() - 3) + "abc").statusCode()).isEqualTo(403);
    assertThat(get("http://localhost:" + port + "/oncall/acknowledge/not-a-token").statusCode()).isEqualTo(403);
    assertThat(task(incident, "Task_TriageIncident").getAssignee()).isNull();
    assertThat(get(link).statusCode()).as("the genuine link still works").isEqualTo(200);
  }
}
