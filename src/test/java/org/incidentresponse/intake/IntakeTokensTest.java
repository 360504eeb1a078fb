package org.incidentresponse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

class IntakeTokensTest {

  private final IntakeTokens tokens = new IntakeTokens(List.of("first-token", "second-token"));

  @Test
  void anyConfiguredTokenIsValidAndNothingElse() {
    assertThat(tokens.valid("first-token")).isTrue();
    assertThat(tokens.valid("second-token")).isTrue();
    for (String wrong : new String[] {"", "first", "first-token ", "first-tokenX", "FIRST-TOKEN", "second-token\n"}) {
      assertThat(tokens.valid(wrong)).as("'%s'", wrong).isFalse();
    }
  }

  @Test
  void aCheckedTokenNamesTheCallerAndForgetsTheToken() {
    Authentication caller = tokens.authenticate(IntakeTokens.Token.presented("second-token"));
    assertThat(caller.isAuthenticated()).isTrue();
    assertThat(caller.getName()).isEqualTo("monitoring");
    assertThat(caller.getCredentials()).isNull();
    assertThatThrownBy(() -> tokens.authenticate(IntakeTokens.Token.presented("third-token")))
        .isInstanceOf(BadCredentialsException.class);
  }

  @Test
  void withoutTokensTheIntakeIsClosed() {
    IntakeTokens none = new IntakeTokens(List.of());
    assertThat(none.configured()).isFalse();
    assertThat(none.valid("")).isFalse();
    assertThat(tokens.configured()).isTrue();
  }

  @Test
  void theBearerHeaderIsReadAsRfc6750WritesIt() {
    assertThat(IntakeSecurity.bearerToken(request("Bearer first-token")).getCredentials()).isEqualTo("first-token");
    assertThat(IntakeSecurity.bearerToken(request("bearer  first-token ")).getCredentials()).isEqualTo("first-token");
    assertThat(IntakeSecurity.bearerToken(request("Bearer")).getCredentials()).isEqualTo("");
    assertThat(IntakeSecurity.bearerToken(request("Bearerfirst-token"))).isNull();
    assertThat(IntakeSecurity.bearerToken(request("Basic Zmlyc3Q6dG9rZW4="))).isNull();
    assertThat(IntakeSecurity.bearerToken(request(null))).isNull();
  }

  private static jakarta.servlet.http.HttpServletRequest request(String authorization) {
    var request = new org.springframework.security.web.FilterInvocation("/api/incidents", "POST").getHttpRequest();
    return new jakarta.servlet.http.HttpServletRequestWrapper(request) {
      @Override
      public String getHeader(String name) {
        return "Authorization".equalsIgnoreCase(name) ? authorization : super.getHeader(name);
      }
    };
  }
}
