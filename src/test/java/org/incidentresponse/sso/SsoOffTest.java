package org.incidentresponse.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.incidentresponse.ProductionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Without the provider's properties the app is as it was before single sign-on: local Camunda users
 * log in with their password in the webapps, there are no OAuth2 endpoints or pages, the API takes
 * no bearer JWTs, and the webapps' Log out ends the session without any provider address.
 */
@ProductionTest
class SsoOffTest {

  private static final String USER = "lou-local";
  private static final String PASSWORD = "Lou-Local-Pa55";

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired IdentityService identityService;

  @Test
  void noSingleSignOnBeansExist() {
    assertThat(context.getBeansOfType(ClientRegistrationRepository.class)).isEmpty();
    assertThat(context.getBeansOfType(JwtDecoder.class)).isEmpty();
    assertThat(context.getBeansOfType(WebappSsoSecurity.class)).isEmpty();
    assertThat(context.getBeansOfType(LoginPage.class)).isEmpty();
  }

  @Test
  void aLocalUserLogsInToTasklistWithTheirPasswordAndLogsOut() throws Exception {
    if (identityService.createUserQuery().userId(USER).count() == 0) {
      User user = identityService.newUser(USER);
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(USER, "responders");
    }
    Browser browser = new Browser(port);
    HttpResponse<String> tasklist = browser.get("/camunda/app/tasklist/default/");
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.uri().getPath()).as("no redirect to a provider").isEqualTo("/camunda/app/tasklist/default/");

    HttpResponse<String> login = browser.webappForm("/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("username", USER, "password", PASSWORD));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    HttpResponse<String> user = browser.get("/camunda/api/admin/auth/user/default");
    assertThat(user.body()).contains("\"userId\":\"" + USER + "\"").contains("tasklist");

    HttpResponse<String> logout = browser.webappPost("/camunda/api/admin/auth/user/default/logout", "");
    assertThat(logout.statusCode()).isBetween(200, 204);
    assertThat(logout.body()).doesNotContain("logoutUrl");
    assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).isNotEqualTo(200);
  }

  @Test
  void theOAuth2EndpointsAndPagesDoNotExist() throws Exception {
    Browser browser = new Browser(port).notFollowing();
    for (String path : new String[] {"/oauth2/authorization/company", "/login/oauth2/code/company?code=x&state=y",
        "/sso/no-access", "/sso/logged-out"}) {
      HttpResponse<String> response = browser.get(path);
      assertThat(response.statusCode()).as(path).isIn(401, 403, 404);
      assertThat(response.headers().firstValue("Location")).as(path).isEmpty();
    }
  }

  @Test
  void theApiTakesNoBearerJwt() throws Exception {
    HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(new Browser(port).uri("/api/incidents"))
            .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
            .header("Accept", "application/json").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void theLogoutScriptIsServedAndHarmless() throws Exception {
    HttpResponse<String> script = new Browser(port).get("/camunda/app/sso/sso-logout.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("answer.logoutUrl");
  }
}
