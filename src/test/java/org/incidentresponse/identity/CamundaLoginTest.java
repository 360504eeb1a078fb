package org.incidentresponse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The password check behind HTTP Basic, against a real in-memory Camunda engine's users. */
class CamundaLoginTest {

  static ProcessEngine engine;
  static CamundaLogin login;

  @BeforeAll
  static void engineWithUsers() {
    engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName("camunda-login-test")
        .setJdbcUrl("jdbc:h2:mem:camunda-login-test;DB_CLOSE_DELAY=-1")
        .setJobExecutorActivate(false)
        .buildProcessEngine();
    IdentityService identity = engine.getIdentityService();
    user(identity, "auditor", "s3cret:with:colons");
    user(identity, "lockout", "right");
    user(identity, "loner", "loner");
    for (String id : new String[] {"auditors", "monitoring"}) {
      Group group = identity.newGroup(id);
      identity.saveGroup(group);
      identity.createMembership("auditor", id);
    }
    login = new CamundaLogin(identity);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void rightPasswordGivesTheUserWithTheirGroupsAsAuthorities() {
    Authentication user = login.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("auditor", "s3cret:with:colons"));
    assertThat(user.isAuthenticated()).isTrue();
    assertThat(user.getName()).isEqualTo("auditor");
    assertThat(user.getCredentials()).as("the password is not kept").isNull();
    assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactlyInAnyOrder("auditors", "monitoring");
    assertThat(login.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("loner", "loner")).getAuthorities()).isEmpty();
  }

  @Test
  void wrongPasswordUnknownUserOrNoUserIsRefused() {
    assertThatThrownBy(() -> login.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("lockout", "wrong")))
        .isInstanceOf(BadCredentialsException.class);
    assertThatThrownBy(() -> login.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("intruder", "x")))
        .isInstanceOf(BadCredentialsException.class);
    assertThatThrownBy(() -> login.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("", "")))
        .isInstanceOf(BadCredentialsException.class);
    assertThat(login.supports(UsernamePasswordAuthenticationToken.class)).isTrue();
  }

  @Test
  void anIdentityStoreThatFailsIsNoWrongPassword() {
    ProcessEngine closed = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName("camunda-login-closed")
        .setJdbcUrl("jdbc:h2:mem:camunda-login-closed")
        .setJobExecutorActivate(false)
        .buildProcessEngine();
    IdentityService identity = closed.getIdentityService();
    closed.close(); // the in-memory database goes with it
    assertThatThrownBy(() -> new CamundaLogin(identity).authenticate(
        UsernamePasswordAuthenticationToken.unauthenticated("auditor", "s3cret")))
        .isInstanceOf(AuthenticationServiceException.class);
  }

  private static void user(IdentityService identity, String id, String password) {
    User user = identity.newUser(id);
    user.setPassword(password);
    identity.saveUser(user);
  }
}
