package org.incidentresponse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.incidentresponse.ProductionTest;
import org.incidentresponse.api.ProblemDetailAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Outside the demo profile there is no default token: with none configured, intake answers 503. */
@ProductionTest
class IntakeUnavailableTest {

  @LocalServerPort int port;

  @Test
  void noConfiguredTokenAnswers503WithTheReason() throws Exception {
    for (String token : new String[] {null, "demo-intake-token", ""}) {
      HttpResponse<String> response = new IntakeClient("http://127.0.0.1:" + port, token)
          .postJson(IntakeApiTest.AM, IntakeApiTest.firing("g"));
      ProblemDetailAssert.assertProblem(response, 503, "INCIDENT_INTAKE_TOKENS");
    }
  }
}
