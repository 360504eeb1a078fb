package org.incidentresponse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.incidentresponse.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Outside the demo profile there is no default token: with none configured, intake answers 503. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IntakeUnavailableTest {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    TestMailServer.register(registry);
  }

  @Test
  void noConfiguredTokenAnswers503WithTheReason() throws Exception {
    for (String token : new String[] {null, "demo-intake-token", ""}) {
      HttpResponse<String> response = new IntakeClient("http://127.0.0.1:" + port, token)
          .postJson(IntakeApiTest.AM, IntakeApiTest.firing("g"));
      IntakeApiTest.assertProblem(response, 503, "INCIDENT_INTAKE_TOKENS");
    }
  }
}
