package org.incidentresponse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.incidentresponse.IncidentStartJobs;
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

  protected TestRestTemplate as(String userId) {
    return rest.withBasicAuth(userId, userId);
  }

  protected static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  /**
   * Reports an incident over REST as {@code userId} the way Tasklist's "Start process" does (submitting
   * the start form), then runs the job that continues the start, as the job executor would a moment
 * later; returns the process instance id. high/high is a SEV1 (task priority 100),
   * low/low a SEV4 (25).
   */
  protected String reportIncident(String userId, String impactAndUrgency) throws Exception {
    ResponseEntity<String> response = as(userId).postForEntity(
        "/engine-rest/process-definition/key/incident-response/submit-form",
        json("""
            {"variables": {
              "title": {"value": "Checkout errors", "type": "String"},
              "description": {"value": "502 from /checkout", "type": "String"},
              "service": {"value": "checkout-api", "type": "String"},
              "impact": {"value": "%1$s", "type": "String"},
              "urgency": {"value": "%1$s", "type": "String"},
              "customerImpact": {"value": false, "type": "Boolean"}}}
            """.formatted(impactAndUrgency)),
        String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    String processInstanceId = new ObjectMapper().readTree(response.getBody()).get("id").asText();
    // the rest of the start (decisions, triage task) is the job after Task_LogIncident
    IncidentStartJobs.continueAfterLog(processEngine, processInstanceId);
    return processInstanceId;
  }

  /** Refused by Camunda's authorization check, not by anything else (e.g. a missing resource). */
  protected static void assertForbidden(ResponseEntity<String> response) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getBody()).contains("AuthorizationException");
  }
}
