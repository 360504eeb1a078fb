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
}
