package org.incidentresponse.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.incidentresponse.AppTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The public endpoints, read as a visitor would: no login, no session, nothing to run. */
@AppTest
class StatusPageWebTest {

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @ParameterizedTest
  @ValueSource(strings = {"/status", "/status/history", "/status/api/v2/summary.json", "/status/api/v2/status.json",
      "/status/api/v2/components.json", "/status/api/v2/incidents.json", "/status/api/v2/incidents/unresolved.json",
      "/status/feed.atom", "/status/feed.rss", "/status/status.css"})
  void everyPublicEndpointAnswersWithoutLoginAndSetsNoCookie(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void thePageIsServerRenderedAccessibleAndRunsNoScript() throws Exception {
    HttpResponse<String> response = get("/status");
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'").doesNotContain("script-src"));
    assertThat(response.body()).contains("<html lang=\"en\">").contains("name=\"viewport\"")
        .contains("<h1>Example Corp status</h1>").contains("<h2 id=\"components\">Components</h2>")
        .contains("Checkout").contains("Sign-in").doesNotContain("<script");
  }

  @Test
  void theJsonNamesThePageAndItsComponentsAsConfigured() throws Exception {
    JsonNode summary = new ObjectMapper().readTree(get("/status/api/v2/summary.json").body());
    assertThat(summary.path("page").path("name").asText()).isEqualTo("Example Corp status");
    assertThat(summary.path("components").findValuesAsText("id")).containsExactly("checkout", "search", "billing", "sign-in");
    assertThat(summary.path("status").path("indicator").asText()).isIn("none", "minor", "major", "critical");
    HttpResponse<String> crossOrigin = http.send(HttpRequest.newBuilder(url("/status/api/v2/status.json"))
        .header("Origin", "https://widgets.example.net").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(crossOrigin.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
  }

  @Test
  void bothFeedsParseBackWithTheFeedLibrary() throws Exception {
    SyndFeed atom = new SyndFeedInput().build(new StringReader(get("/status/feed.atom").body()));
    assertThat(atom.getFeedType()).isEqualTo("atom_1.0");
    assertThat(atom.getTitle()).isEqualTo("Example Corp status");
    SyndFeed rss = new SyndFeedInput().build(new StringReader(get("/status/feed.rss").body()));
    assertThat(rss.getFeedType()).isEqualTo("rss_2.0");
    assertThat(get("/status/feed.rss").headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/rss+xml"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/status/incidents/nosuchincident", "/status/history?page=0", "/status/history?page=x",
      "/status/history?page=999999"})
  void anUnknownIncidentOrPageIsNotFound(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("<h1>Not found</h1>");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
