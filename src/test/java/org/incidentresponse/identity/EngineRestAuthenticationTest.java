package org.incidentresponse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

@AppTest
class EngineRestAuthenticationTest extends EngineRestTestSupport {

  @Autowired
  private IdentityService identityService;

  @Test
  void anonymousCallsAreRejected() {
    var response = rest.getForEntity("/engine-rest/task", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void namedEngineCallsAreRejectedToo() {
    assertThat(rest.getForEntity("/engine-rest/engine/default/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void wrongPasswordIsRejected() {
    // A throwaway user: after a failed login Camunda locks the user for a few seconds, which would
    // make other tests' logins as that user fail.
    User user = identityService.newUser("wrong-password-test");
    user.setPassword("right");
    identityService.saveUser(user);
    try {
      assertThat(rest.withBasicAuth("wrong-password-test", "wrong").getForEntity("/engine-rest/task", String.class)
          .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    } finally {
      identityService.deleteUser(user.getId());
    }
  }

  @Test
  void unknownUserIsRejected() {
    assertThat(rest.withBasicAuth("intruder", "intruder").getForEntity("/engine-rest/task", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void responderIsAuthenticated() {
    var response = as("responder").getForEntity("/engine-rest/task", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void onlyTheListOfEnginesIsPublicAsWithCamundasFilter() {
    var engines = rest.getForEntity("/engine-rest/engine", String.class);
    assertThat(engines.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(engines.getBody()).contains("\"name\":\"default\"");
    assertThat(rest.getForEntity("/engine-rest/engine/default/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void camundasAuthorizationsApplyToTheCaller() {
    // The same question, two callers, two answers: the engine checks the user of each request.
    User nobody = identityService.newUser("no-grants-test");
    nobody.setPassword("no-grants-test");
    identityService.saveUser(nobody);
    try {
      String count = "/engine-rest/process-definition/count?key=incident-response";
      assertThat(as("responder").getForEntity(count, String.class).getBody()).matches("\\{\"count\":[1-9]\\d*}");
      var none = as("no-grants-test").getForEntity(count, String.class);
      assertThat(none.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(none.getBody()).as("a user without grants sees no process definition").isEqualTo("{\"count\":0}");
    } finally {
      identityService.deleteUser(nobody.getId());
    }
  }
}
