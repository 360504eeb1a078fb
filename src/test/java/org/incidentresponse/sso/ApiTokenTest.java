package org.incidentresponse.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /api/**} with bearer JWTs of the provider, as a script with client credentials calls it:
 * the roles claim decides, and every token that is not valid here gets a 401 problem detail with
 * the Bearer challenge; the intake's static token keeps working beside them.
 */
@SsoTest
class ApiTokenTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPORT = "{\"title\": \"Checkout API down\", \"impact\": \"high\", \"urgency\": \"high\"}";

  @LocalServerPort int port;
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aScriptWithAResponderRoleOpensAnIncident() throws Exception {
    HttpResponse<String> opened = post("/api/incidents", token("ir-responders"));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    assertThat(JSON.readTree(opened.body()).toString()).contains("incidentNumber");
  }

  @Test
  void anAuditorRoleReadsTheAuditButCannotOpenIncidents() throws Exception {
    String auditor = token("ir-auditors");
    assertThat(get("/api/incidents", auditor).statusCode()).isEqualTo(200);
    assertProblem(post("/api/incidents", auditor), 403, "opening incidents needs one of the roles");
  }

  @Test
  void aResponderRoleCannotReadTheAudit() throws Exception {
    assertProblem(get("/api/incidents", token("ir-responders")), 403, "reading the incident audit needs");
  }

  @Test
  void aTokenWithoutRolesOpensNothing() throws Exception {
    assertProblem(post("/api/incidents", issue(TestOidcProvider.ISSUER_ID, TestOidcProvider.API_AUDIENCE,
        Map.of(), 3600)), 403, "opening incidents");
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    // Issued two hours ago, valid for one.
    long twoHoursAgo = java.time.Instant.now().minusSeconds(7200).getEpochSecond();
    String expired = issue(TestOidcProvider.ISSUER_ID, TestOidcProvider.API_AUDIENCE,
        Map.of("roles", List.of("ir-responders"), "iat", twoHoursAgo, "nbf", twoHoursAgo,
            "exp", twoHoursAgo + 3600), 3600);
    assertUnauthorized(post("/api/incidents", expired), "expired");
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() throws Exception {
    String otherAudience = issue(TestOidcProvider.ISSUER_ID, "some-other-api",
        Map.of("roles", List.of("ir-responders")), 3600);
    assertUnauthorized(post("/api/incidents", otherAudience), "aud");
  }

  @Test
  void aTokenOfAnotherIssuerIsRefused() throws Exception {
    String otherIssuer = issue("another-issuer", TestOidcProvider.API_AUDIENCE,
        Map.of("roles", List.of("ir-responders")), 3600);
    assertUnauthorized(post("/api/incidents", otherIssuer), "invalid bearer token");
  }

  @Test
  void aTamperedTokenIsRefused() throws Exception {
    String[] parts = token("ir-auditors").split("\\.");
    Base64.Decoder decoder = Base64.getUrlDecoder();
    String payload = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8).replace("ir-auditors", "ir-admins");
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertUnauthorized(get("/api/incidents", tampered), "invalid bearer token");
  }

  @Test
  void theIntakesStaticTokenKeepsWorking() throws Exception {
    HttpResponse<String> opened = post("/api/incidents", SsoTest.INTAKE_TOKEN);
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    assertProblem(post("/api/incidents", "not-a-token"), 401, "invalid bearer token");
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private static String token(String role) {
    return issue(TestOidcProvider.ISSUER_ID, TestOidcProvider.API_AUDIENCE, Map.of("roles", List.of(role)), 3600);
  }

  /** A client-credentials-like token of the provider: subject the script's client id. */
  private static String issue(String issuer, String audience, Map<String, Object> claims, long expirySeconds) {
    return TestOidcProvider.server().issueToken(issuer, "monitoring-script",
        new DefaultOAuth2TokenCallback(issuer, "monitoring-script", "JWT", List.of(audience), claims, expirySeconds))
        .serialize();
  }

  private HttpResponse<String> post(String path, String token) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(REPORT)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertUnauthorized(HttpResponse<String> response, String detail) throws Exception {
    assertProblem(response, 401, detail);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Bearer"));
  }

  private static void assertProblem(HttpResponse<String> response, int status, String detail) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asText()).contains(detail);
  }
}
