package org.incidentresponse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Calls to {@code /engine-rest} as the demo users (password = user id). */
abstract class EngineRestTestSupport {

  @Autowired
  protected TestRestTemplate rest;

  @Autowired
  protected ProcessEngine processEngine;

  /**
   * Camunda's REST API and its authentication filter look the engine up by name in a JVM-wide
   * registry. Every cached Spring test context registers its own "default" engine there and the
   * last one started wins, so each test points the registry back at its own context's engine.
   */
  @BeforeEach
  void routeEngineRestToThisContext() {
    ProcessEngines.registerProcessEngine(processEngine);
  }

  protected TestRestTemplate as(String userId) {
    return rest.withBasicAuth(userId, userId);
  }

  protected static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  /** Starts the stand-in SOP over REST as {@code userId}, as Tasklist's "Start process" does. */
  protected String reportIncident(String userId, String incidentNumber, int priority) {
    ResponseEntity<String> response = as(userId).postForEntity(
        "/engine-rest/process-definition/key/incident-response/start",
        json("""
            {"businessKey": "%s", "variables": {
              "incidentNumber": {"value": "%s", "type": "String"},
              "title": {"value": "Checkout errors", "type": "String"},
              "service": {"value": "checkout", "type": "String"},
              "severity": {"value": "SEV1", "type": "String"},
              "priority": {"value": %d, "type": "Integer"}}}
            """.formatted(incidentNumber, incidentNumber, priority)),
        String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return processEngine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(incidentNumber).singleResult().getId();
  }

  /** Refused by Camunda's authorization check, not by anything else (e.g. a missing resource). */
  protected static void assertForbidden(ResponseEntity<String> response) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getBody()).contains("AuthorizationException");
  }
}
