package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentresponse.api.ProblemDetailAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The audit's REST API over HTTP: who may read it, the filters and paging, and the report formats. */
@Tag("postgres")
class IncidentAuditApiTest extends AuditWebTestBase {

  static final String SERVICE = "api-audit-service";
  static final String HOSTILE_TITLE = "<img src=x onerror=alert(1)> *bold* [link](javascript:alert(1)) | pipe";

  static String closedSev1;
  static String openSev4;
  static String drillSev4;
  static String openInstanceId;

  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void incidents() {
    if (closedSev1 != null) {
      return;
    }
    closedSev1 = closeIncident(incident(HOSTILE_TITLE, SERVICE, "high", "high"));
    Map<String, Object> drill = incident("Drill: checkout down", SERVICE, "low", "low");
    drill.put("drill", true);
    drillSev4 = closeIncident(drill);
    ProcessInstance open = start(incident("Slow search", SERVICE, "low", "low"));
    openSev4 = number(open);
    openInstanceId = open.getId();
  }

  JsonNode auditorJson(String path) throws Exception {
    HttpResponse<String> response = get(path, "application/json", "auditor", "auditor");
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  Set<String> numbers(JsonNode page) {
    Set<String> numbers = new HashSet<>();
    page.get("items").forEach(item -> numbers.add(item.get("number").asText()));
    return numbers;
  }

  @Test
  void withoutOrWithWrongCredentialsIs401() throws Exception {
    for (HttpResponse<String> response : new HttpResponse[] {
        get("/api/incidents", "application/json", null, null),
        get("/api/incidents/" + closedSev1 + "/report", "text/markdown", null, null),
        // Not a real user's wrong password: Camunda then delays that user's next logins (brute-force
        // protection), which made the browser test's auditor login in this shared context fail.
        get("/api/incidents/metrics", "application/json", "no-such-user", "wrong")}) {
      assertProblem(response, 401, "log in to Cockpit, or send HTTP Basic credentials");
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Incident Response\", charset=\"UTF-8\"");
      assertThat(response.headers().firstValue("Set-Cookie")).as("no session for a refused caller").isEmpty();
    }
  }

  @Test
  void responderIsForbiddenAuditorCommanderAndOwnerMayRead() throws Exception {
    HttpResponse<String> responder = get("/api/incidents", "application/json", "responder", "responder");
    assertProblem(responder, 403, "needs membership of one of the groups [auditors, incident-commanders, process-owners, camunda-admin]");
    assertThat(get("/api/incidents/" + closedSev1 + "/report", "application/json", "comms", "comms").statusCode())
        .isEqualTo(403);
    assertProblem(get("/api/incidents/" + closedSev1 + "/report", "text/markdown", "comms", "comms"), 403, "needs membership");
    for (String user : new String[] {"auditor", "commander", "owner"}) {
      assertThat(get("/api/incidents?service=" + SERVICE, "application/json", user, user).statusCode()).as(user)
          .isEqualTo(200);
    }
    assertThat(get("/api/incidents/metrics", "application/json", "admin", "admin-test-password").statusCode())
        .isEqualTo(200);
  }

  @Test
  void cockpitSessionIsAccepted() throws Exception {
    Map<String, String> cookies = cockpitLogin("auditor");
    String cookie = "JSESSIONID=" + cookies.get("JSESSIONID");
    HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/incidents?service=" + SERVICE))
        .header("Accept", "application/json").header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(json.readTree(list.body()).get("total").asInt()).isEqualTo(3);
    assertThat(list.headers().allValues("Set-Cookie")).as("the API leaves the webapp session alone").isEmpty();
    // ... and Cockpit's session still works after the plugin's call.
    HttpResponse<String> cockpit = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/camunda/api/admin/auth/user/default"))
        .header("Accept", "application/json").header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(cockpit.statusCode()).as(cockpit.body()).isEqualTo(200);
    assertThat(cockpit.body()).contains("\"userId\":\"auditor\"");
  }

  /** Logs in to Cockpit as the browser does; answers the cookies (session, CSRF token). */
  Map<String, String> cockpitLogin(String user) throws Exception {
    // As the browser does: a page load hands out the session and the CSRF token, the login POST sends both back.
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/camunda/app/cockpit/default/"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    Map<String, String> cookies = new java.util.LinkedHashMap<>();
    page.headers().allValues("Set-Cookie").forEach(c -> {
      String pair = c.split(";")[0];
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    });
    String csrf = page.headers().firstValue("X-XSRF-TOKEN").orElse(cookies.get("XSRF-TOKEN"));
    HttpRequest login = HttpRequest.newBuilder(URI.create(baseUrl() + "/camunda/api/admin/auth/user/default/login/cockpit"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", csrf)
        .header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(java.util.stream.Collectors.joining("; ")))
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)).build();
    HttpResponse<String> loggedIn = http.send(login, HttpResponse.BodyHandlers.ofString());
    assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(200);
    loggedIn.headers().allValues("Set-Cookie").forEach(c -> {
      String pair = c.split(";")[0];
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    });
    return cookies;
  }

  HttpResponse<String> cockpitEngineCall(Map<String, String> cookies, String method, String path, String body)
      throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/camunda/api/engine/engine/default" + path))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
        .header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(java.util.stream.Collectors.joining("; ")))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    // Keep the session and CSRF token current, as a browser would.
    response.headers().allValues("Set-Cookie").forEach(c -> {
      String pair = c.split(";")[0];
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    });
    response.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> cookies.put("XSRF-TOKEN", token));
    return response;
  }

  @Test
  void auditorCannotRetryModifyDeleteOrCompleteThroughCockpit() throws Exception {
    Map<String, String> auditor = cockpitLogin("auditor");
    assertThat(cockpitEngineCall(auditor, "GET", "/process-instance/" + openInstanceId, null).statusCode())
        .as("the auditor can read").isEqualTo(200);

    String jobId = engine.getManagementService().createJobQuery().processInstanceId(openInstanceId).list().get(0).getId();
    String taskId = engine.getTaskService().createTaskQuery().processInstanceId(openInstanceId).singleResult().getId();
    HttpResponse<String> retry = cockpitEngineCall(auditor, "PUT", "/job/" + jobId + "/retries", "{\"retries\":3}");
    HttpResponse<String> modify = cockpitEngineCall(auditor, "POST", "/process-instance/" + openInstanceId + "/modification",
        "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"Task_TriageIncident\"}]}");
    HttpResponse<String> delete = cockpitEngineCall(auditor, "DELETE", "/process-instance/" + openInstanceId, null);
    HttpResponse<String> complete = cockpitEngineCall(auditor, "POST", "/task/" + taskId + "/complete", "{}");
    HttpResponse<String> claim = cockpitEngineCall(auditor, "POST", "/task/" + taskId + "/claim", "{\"userId\":\"auditor\"}");

    assertThat(retry.statusCode()).as("retry: " + retry.body()).isEqualTo(403);
    assertThat(modify.statusCode()).as("modification: " + modify.body()).isEqualTo(403);
    assertThat(delete.statusCode()).as("deletion: " + delete.body()).isEqualTo(403);
    assertThat(complete.statusCode()).as("task completion: " + complete.body()).isIn(403, 404);
    assertThat(claim.statusCode()).as("claim: " + claim.body()).isIn(403, 404);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(openInstanceId).count()).isOne();
    assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
  }

  @Test
  void listFiltersAndPages() throws Exception {
    String base = "/api/incidents?service=" + SERVICE;
    assertThat(numbers(auditorJson(base))).containsExactlyInAnyOrder(closedSev1, openSev4, drillSev4);
    assertThat(numbers(auditorJson(base + "&status=closed"))).containsExactlyInAnyOrder(closedSev1, drillSev4);
    assertThat(numbers(auditorJson(base + "&status=open"))).containsExactly(openSev4);
    assertThat(numbers(auditorJson(base + "&severity=SEV1"))).containsExactly(closedSev1);
    assertThat(numbers(auditorJson(base + "&drill=true"))).containsExactly(drillSev4);
    assertThat(numbers(auditorJson(base + "&drill=false"))).containsExactlyInAnyOrder(closedSev1, openSev4);
    assertThat(numbers(auditorJson(base + "&to=2000-01-01"))).isEmpty();
    assertThat(numbers(auditorJson(base + "&from=2000-01-01"))).hasSize(3);

    Set<String> paged = new HashSet<>();
    for (int page = 0; page < 3; page++) {
      JsonNode result = auditorJson(base + "&size=1&page=" + page);
      assertThat(result.get("total").asInt()).isEqualTo(3);
      assertThat(result.get("items")).hasSize(1);
      paged.addAll(numbers(result));
    }
    assertThat(paged).containsExactlyInAnyOrder(closedSev1, openSev4, drillSev4);
    assertThat(auditorJson(base + "&size=1&page=3").get("items")).isEmpty();

    JsonNode drill = auditorJson(base + "&drill=true").get("items").get(0);
    assertThat(drill.get("drill").asBoolean()).isTrue();
    assertProblem(get(base + "&severity=SEV9", "application/json", "auditor", "auditor"), 400,
        "severity must be one of SEV1, SEV2, SEV3, SEV4");
    assertProblem(get(base + "&from=yesterday", "application/json", "auditor", "auditor"), 400,
        "from must be a date (2026-11-30) or an ISO date-time");
    assertProblem(get(base + "&page=first", "application/json", "auditor", "auditor"), 400, "page");
  }

  @Test
  void errorsOfTheApiAreProblemDetails() throws Exception {
    assertProblem(get("/api/no-such-thing", "application/json", "auditor", "auditor"), 404, "");
    assertProblem(get("/api/incidents/" + closedSev1 + "/no-such-report", "application/json", "auditor", "auditor"), 404, "");
    // Whatever format the caller asked for: the error is a problem detail.
    assertProblem(get("/api/incidents/INC-1999-0001/report", "text/markdown", "auditor", "auditor"), 404, "No incident INC-1999-0001");
    assertProblem(get("/api/incidents/INC-1999-0001/report", "text/html", "auditor", "auditor"), 404, "No incident INC-1999-0001");
    HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/incidents/" + closedSev1 + "/report"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("auditor:auditor".getBytes()))
        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertProblem(delete, 405, "Method 'DELETE' is not supported");
    assertThat(delete.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    // Refused by the firewall before any of the app's code runs: still a problem detail.
    HttpResponse<String> rejected = get("/api/incidents/%2e%2e/metrics", "application/json", "auditor", "auditor");
    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(rejected.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(json.readTree(rejected.body()).get("title").asText()).isEqualTo("Bad Request");
  }

  @Test
  void jsonReportHasTimelineAndChecklist() throws Exception {
    JsonNode report = auditorJson("/api/incidents/" + closedSev1 + "/report");
    assertThat(report.at("/incident/number").asText()).isEqualTo(closedSev1);
    assertThat(report.at("/incident/status").asText()).isEqualTo("closed");
    assertThat(report.at("/incident/title").asText()).isEqualTo(HOSTILE_TITLE);
    assertThat(report.get("checklist")).hasSize(8);
    report.get("checklist").forEach(item -> assertThat(item.get("status").asText()).isIn("done", "not-needed"));
    assertThat(report.get("breaches")).isEmpty();
    assertThat(report.get("timeline").findValuesAsText("title")).contains("Resolve incident", "Notification initial sent");
    assertThat(report.get("timeline").findValuesAsText("actor")).contains("responder", "commander");
    assertProblem(get("/api/incidents/INC-1999-0001/report", "application/json", "auditor", "auditor"), 404,
        "No incident INC-1999-0001");
  }

  @Test
  void markdownAndHtmlReportsEscapeUserText() throws Exception {
    HttpResponse<String> markdown = get("/api/incidents/" + closedSev1 + "/report", "text/markdown", "auditor", "auditor");
    assertThat(markdown.statusCode()).isEqualTo(200);
    assertThat(markdown.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/markdown"));
    assertThat(markdown.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(v -> assertThat(v).contains(closedSev1 + "-report.md"));
    assertThat(markdown.body()).contains("# Incident " + closedSev1.replace("-", "-"))
        .contains("## SOP checklist").contains("## Timeline").contains("Identify and log")
        .contains("\\<img src=x onerror=alert\\(1\\)\\> \\*bold\\* \\[link\\]\\(javascript:alert\\(1\\)\\) \\| pipe")
        .doesNotContainPattern("(?<!\\\\)<img").doesNotContain("[link](");

    HttpResponse<String> html = get("/api/incidents/" + closedSev1 + "/report", "text/html", "auditor", "auditor");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.body()).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img")
        .contains("SOP checklist");
  }

  @Test
  void metricsExcludeDrills() throws Exception {
    JsonNode metrics = auditorJson("/api/incidents/metrics?from=2000-01-01");
    assertThat(metrics.get("drillsExcluded").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(metrics.get("bySeverity").findValuesAsText("severity")).contains("SEV1", "all");
    assertThat(metrics.at("/bySeverity/0/acknowledge/count").asInt()).isGreaterThanOrEqualTo(1);
  }
}
