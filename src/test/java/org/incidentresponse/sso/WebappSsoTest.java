package org.incidentresponse.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.incidentresponse.ProductionTest;
import org.incidentresponse.IncidentStartJobs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Single sign-on for the webapps against a real OIDC provider on 127.0.0.1: the authorization code
 * flow with PKCE over HTTP with its redirects, groups mapped to the app's, the no-access page, group
 * removal at the provider, logout at the app and the provider, and the break-glass login.
 */
@SsoTest
class WebappSsoTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired MeterRegistry meters;

  @Test
  void responderLogsInThroughTheProviderWithPkceAndGetsTasklist() throws Exception {
    double logins = count(SsoMetrics.LOGINS, "result", "success");
    TestOidcProvider.nextLogin("riley.responder@example.org", Map.of("groups", List.of("ir-responders", "unrelated"),
        "given_name", "Riley", "family_name", "Responder", "email", "riley.responder@example.org"));
    Browser browser = new Browser(port);

    HttpResponse<String> tasklist = browser.get("/camunda/app/tasklist/default/");

    assertThat(tasklist.statusCode()).as(tasklist.uri() + " -> " + tasklist.headers().map()).isEqualTo(200);
    assertThat(tasklist.uri().getPath()).isEqualTo("/camunda/app/tasklist/default/");
    assertThat(authorizeRequest().getRequestUrl().queryParameter("code_challenge_method")).isEqualTo("S256");
    JsonNode user = webappUser(browser);
    assertThat(user.get("userId").asText()).isEqualTo("riley.responder@example.org");
    assertThat(names(user.get("authorizedApps"))).contains("tasklist").doesNotContain("cockpit", "admin");

    User camundaUser = identityService.createUserQuery().userId("riley.responder@example.org").singleResult();
    assertThat(camundaUser.getFirstName()).isEqualTo("Riley");
    assertThat(camundaUser.getEmail()).isEqualTo("riley.responder@example.org");
    assertThat(groupsOf("riley.responder@example.org")).containsExactly("responders");
    assertThat(count(SsoMetrics.LOGINS, "result", "success")).isEqualTo(logins + 1);
  }

  @Test
  void auditorSeesCockpitAndTheAuditButCannotClaim() throws Exception {
    ProcessInstance incident = startIncident();
    try {
      TestOidcProvider.nextLogin("avery", Map.of("groups", List.of("ir-auditors")));
      Browser browser = new Browser(port);
      assertThat(browser.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
      assertThat(names(webappUser(browser).get("authorizedApps"))).contains("cockpit").doesNotContain("tasklist");

      // The incident audit, with the session Cockpit's audit page uses.
      HttpResponse<String> audit = browser.get("/api/incidents");
      assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);

      String task = triage(incident).getId();
      HttpResponse<String> claim = browser.webappPost("/camunda/api/engine/engine/default/task/" + task + "/claim",
          "{\"userId\":\"avery\"}");
      assertThat(claim.statusCode()).as(claim.body()).isEqualTo(403);
      assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    } finally {
      runtimeService.deleteProcessInstance(incident.getId(), "test");
    }
  }

  @Test
  void aResponderClaimsATaskInTasklist() throws Exception {
    ProcessInstance incident = startIncident();
    try {
      TestOidcProvider.nextLogin("casey", Map.of("groups", List.of("ir-responders")));
      Browser browser = new Browser(port);
      assertThat(browser.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
      webappUser(browser); // as Tasklist does first: fetches the session's XSRF token
      String task = triage(incident).getId();

      HttpResponse<String> claim = browser.webappPost("/camunda/api/engine/engine/default/task/" + task + "/claim",
          "{\"userId\":\"casey\"}");

      assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
      assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("casey");
    } finally {
      runtimeService.deleteProcessInstance(incident.getId(), "test");
    }
  }

  @Test
  void aTokenWithoutTheAppsGroupsGetsNoAccessAndNoSession() throws Exception {
    double refused = count(SsoMetrics.LOGINS, "reason", SsoUserService.NO_ACCESS);
    TestOidcProvider.nextLogin("morgan", Map.of("groups", List.of("marketing")));
    Browser browser = new Browser(port);

    HttpResponse<String> page = browser.get("/camunda/app/tasklist/default/");

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.uri().getPath()).isEqualTo("/sso/no-access");
    assertThat(page.body()).contains("No access to Incident Response");
    assertThat(browser.notFollowing().get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(401);
    assertThat(groupsOf("morgan")).isEmpty();
    assertThat(count(SsoMetrics.LOGINS, "reason", SsoUserService.NO_ACCESS)).isEqualTo(refused + 1);
  }

  @Test
  void aUserRemovedFromAGroupAtTheProviderLosesItAtTheNextLogin() throws Exception {
    ProcessInstance incident = startIncident();
    try {
      TestOidcProvider.nextLogin("sam", Map.of("groups", List.of("ir-responders", "ir-auditors")));
      Browser before = new Browser(port);
      assertThat(before.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
      assertThat(groupsOf("sam")).containsExactlyInAnyOrder("responders", "auditors");
      Task task = triage(incident);
      taskService.claim(task.getId(), "sam");

      TestOidcProvider.nextLogin("sam", Map.of("groups", List.of("ir-auditors")));
      Browser after = new Browser(port);
      assertThat(after.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);

      assertThat(groupsOf("sam")).containsExactly("auditors");
      assertThat(names(webappUser(after).get("authorizedApps"))).doesNotContain("tasklist");
      assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
          .as("the task went back to the responders").isNull();
      List<HistoricIdentityLinkLog> history = historyService.createHistoricIdentityLinkLogQuery()
          .taskId(task.getId()).type("assignee").list();
      assertThat(history).extracting(HistoricIdentityLinkLog::getOperationType, HistoricIdentityLinkLog::getUserId)
          .contains(org.assertj.core.groups.Tuple.tuple("add", "sam"), org.assertj.core.groups.Tuple.tuple("delete", "sam"));
    } finally {
      runtimeService.deleteProcessInstance(incident.getId(), "test");
    }
  }

  @Test
  void logoutEndsTheAppsSessionAndTheProviders() throws Exception {
    TestOidcProvider.nextLogin("jordan", Map.of("groups", List.of("ir-commanders")));
    Browser browser = new Browser(port);
    assertThat(browser.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);

    HttpResponse<String> loggedOut = browser.submit("/login", "/logout", Map.of());

    RecordedRequest endSession = request(path -> path.contains("/endsession"));
    assertThat(endSession.getRequestUrl().queryParameter("id_token_hint")).isNotBlank();
    assertThat(endSession.getRequestUrl().queryParameter("post_logout_redirect_uri")).endsWith("/sso/logged-out");
    assertThat(loggedOut.uri().getPath()).isEqualTo("/sso/logged-out");
    assertThat(loggedOut.body()).contains("You are logged out of Incident Response");
    assertThat(browser.notFollowing().get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(401);
  }

  @Test
  void theWebappsLogOutButtonEndsTheAppsSessionAndLeadsToTheProvidersLogout() throws Exception {
    TestOidcProvider.nextLogin("quinn", Map.of("groups", List.of("ir-responders")));
    Browser browser = new Browser(port);
    assertThat(browser.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
    webappUser(browser); // the session's XSRF token, as Tasklist has it

    // What Tasklist's, Cockpit's, Admin's and Welcome's "Log out" sends.
    HttpResponse<String> logout = browser.webappPost("/camunda/api/admin/auth/user/default/logout", "");

    assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);
    String logoutUrl = JSON.readTree(logout.body()).get("logoutUrl").asText();
    assertThat(logoutUrl).startsWith(TestOidcProvider.issuer() + "/endsession").contains("id_token_hint=")
        .contains("post_logout_redirect_uri=");
    assertThat(browser.notFollowing().get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(401);

    // sso-logout.js sends the browser there; the provider returns it to the logged-out page.
    HttpResponse<String> loggedOut = browser.getAbsolute(logoutUrl);
    assertThat(loggedOut.uri().getPath()).isEqualTo("/sso/logged-out");
    assertThat(loggedOut.statusCode()).isEqualTo(200);
  }

  @Test
  void everyWebappLoadsTheLogoutScript() throws Exception {
    TestOidcProvider.nextLogin("rowan", Map.of("groups", List.of("ir-admins")));
    Browser browser = new Browser(port);
    assertThat(browser.get("/camunda/app/admin/default/").statusCode()).isEqualTo(200);
    for (String app : List.of("tasklist", "cockpit", "admin", "welcome")) {
      HttpResponse<String> config = browser.get("/camunda/app/" + app + "/scripts/config.js");
      assertThat(config.statusCode()).as(app).isEqualTo(200);
      assertThat(config.body()).as(app).contains("'../sso/sso-logout'");
    }
    HttpResponse<String> script = browser.get("/camunda/app/sso/sso-logout.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("logoutUrl");
  }

  @Test
  void breakGlassAdminLogsInWithTheLocalPasswordAndNoOtherLocalUserDoes() throws Exception {
    double used = count(SsoMetrics.BREAK_GLASS, "result", "success");
    Browser admin = new Browser(port);
    HttpResponse<String> loggedIn = admin.submit("/login", "/login",
        Map.of("username", ProductionTest.ADMIN_ID, "password", ProductionTest.ADMIN_PASSWORD));
    assertThat(loggedIn.uri().getPath()).startsWith("/camunda/app/");
    assertThat(admin.get("/camunda/app/admin/default/").statusCode()).isEqualTo(200);
    JsonNode user = webappUser(admin);
    assertThat(user.get("userId").asText()).isEqualTo(ProductionTest.ADMIN_ID);
    assertThat(names(user.get("authorizedApps"))).contains("admin");
    assertThat(count(SsoMetrics.BREAK_GLASS, "result", "success")).isEqualTo(used + 1);

    if (identityService.createUserQuery().userId("local-user").count() == 0) {
      User local = identityService.newUser("local-user");
      local.setPassword("Local-Pa55-word");
      identityService.saveUser(local);
      identityService.createMembership("local-user", "responders");
    }
    Browser other = new Browser(port);
    HttpResponse<String> refused = other.submit("/login", "/login",
        Map.of("username", "local-user", "password", "Local-Pa55-word"));
    assertThat(refused.uri().toString()).endsWith("/login?error");
    assertThat(other.notFollowing().get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(401);
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private ProcessInstance startIncident() {
    ProcessInstance incident = runtimeService.startProcessInstanceByKey("incident-response", Map.of("title", "Checkout API down",
        "description", "502", "service", "checkout-api", "impact", "high", "urgency", "high", "customerImpact", false));
    IncidentStartJobs.continueAfterLog(engine, incident.getId()); // the triage task comes from the job after Log incident
    return incident;
  }

  private Task triage(ProcessInstance incident) {
    return taskService.createTaskQuery().processInstanceId(incident.getId()).taskDefinitionKey("Task_TriageIncident")
        .singleResult();
  }

  private static JsonNode webappUser(Browser browser) throws Exception {
    HttpResponse<String> response = browser.get("/camunda/api/admin/auth/user/default");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> names(JsonNode array) {
    return array == null ? List.of() : java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText).toList();
  }

  private List<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  private double count(String name, String tag, String value) {
    Counter counter = meters.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  /** The latest authorization request the provider received. */
  private static RecordedRequest authorizeRequest() throws InterruptedException {
    return request(path -> path.contains("/authorize"));
  }

  /** Takes the provider's recorded requests until one whose path matches. */
  private static RecordedRequest request(java.util.function.Predicate<String> path) throws InterruptedException {
    RecordedRequest found = null;
    while (true) {
      RecordedRequest next;
      try {
        next = TestOidcProvider.server().takeRequest(1, TimeUnit.SECONDS);
      } catch (RuntimeException drained) {
        break; // mock-oauth2-server's way of saying that no request is left
      }
      if (path.test(next.getRequestUrl().encodedPath())) {
        found = next;
      }
    }
    assertThat(found).as("a request to the provider").isNotNull();
    return found;
  }
}
