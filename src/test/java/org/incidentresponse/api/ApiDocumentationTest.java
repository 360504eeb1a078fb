package org.incidentresponse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document at /v3/api-docs: public, complete (every /api endpoint the app serves, and
 * nothing else), with the security schemes and a problem detail for every error; Swagger UI behind
 * the audit's login.
 */
@AppTest
class ApiDocumentationTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  JsonNode document() throws Exception {
    ResponseEntity<String> response = rest.getForEntity("/v3/api-docs", String.class);
    assertThat(response.getStatusCode()).as("readable without logging in").isEqualTo(HttpStatus.OK);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/api-docs.json"), response.getBody());
    return JSON.readTree(response.getBody());
  }

  @Test
  void everyApiEndpointIsInTheDocumentAndNothingElse() throws Exception {
    Set<String> served = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
      for (String path : mapping.getKey().getPatternValues()) {
        if (path.startsWith("/api/")) {
          Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
          assertThat(methods).as("%s declares its methods", path).isNotEmpty();
          methods.forEach(method -> served.add(method + " " + path));
        }
      }
    }
    assertThat(served).as("the app's /api endpoints").contains("POST /api/alerts/alertmanager", "POST /api/alerts/grafana",
        "POST /api/incidents", "GET /api/incidents", "GET /api/incidents/metrics", "GET /api/incidents/{number}/report",
        "GET /api/incidents/{number}/review");

    Set<String> documented = new TreeSet<>();
    document().get("paths").properties().forEach(path -> path.getValue().properties().forEach(
        operation -> documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
    assertThat(documented).isEqualTo(served);
  }

  @Test
  void everyOperationNamesItsSecurityAndEveryErrorIsAProblemDetail() throws Exception {
    JsonNode document = document();
    JsonNode schemes = document.at("/components/securitySchemes");
    assertThat(schemes.at("/intakeToken/scheme").asText()).isEqualTo("bearer");
    assertThat(schemes.at("/camundaLogin/scheme").asText()).isEqualTo("basic");
    assertThat(schemes.at("/camundaSession/in").asText()).isEqualTo("cookie");
    assertThat(schemes.at("/camundaSession/name").asText()).isEqualTo("JSESSIONID");
    assertThat(document.at("/components/schemas/ProblemDetail/required").toString())
        .contains("type", "title", "status", "detail");

    document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
      String operation = entry.getKey() + " " + path.getKey();
      JsonNode op = entry.getValue();
      boolean intake = entry.getKey().equals("post")
          && (path.getKey().equals("/api/incidents") || path.getKey().startsWith("/api/alerts/"));
      Set<String> security = new TreeSet<>();
      op.get("security").forEach(requirement -> security.add(requirement.toString()));
      assertThat(security).as("%s: any one of these", operation).isEqualTo(intake ? Set.of("{\"intakeToken\":[]}")
          : Set.of("{\"camundaLogin\":[]}", "{\"camundaSession\":[]}"));
      JsonNode responses = op.get("responses");
      Set<String> errors = new TreeSet<>();
      responses.properties().forEach(response -> {
        if (response.getKey().compareTo("400") >= 0) {
          errors.add(response.getKey());
          assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asText())
              .as("%s %s", operation, response.getKey()).isEqualTo("#/components/schemas/ProblemDetail");
          assertThat(response.getValue().get("content").size()).as("%s %s", operation, response.getKey()).isOne();
        } else if (response.getKey().equals("204")) {
          assertThat(response.getValue().get("content")).as("%s 204 has no body", operation).isNull();
        } else {
          // A JSON body is a named schema; a file (iCalendar, CSV) is a string of its media type.
          response.getValue().get("content").properties().forEach(content -> assertThat(content.getValue().toString())
              .as("%s %s has a body", operation, response.getKey())
              .contains(content.getKey().contains("json") ? "$ref" : "\"type\":\"string\""));
          assertThat(response.getValue().get("content").toString()).doesNotContain("*/*");
        }
      });
      assertThat(errors).as(operation).containsAll(intake
          ? Set.of("400", "401", "413", "415", "500", "503") : Set.of("401", "403", "500", "503"));
    }));
    assertThat(document.at("/paths/~1api~1incidents/post/responses").has("201")).isTrue();
    assertThat(document.at("/paths/~1api~1incidents~1{number}~1report/get/responses").has("404")).isTrue();
    assertThat(document.at("/paths/~1api~1incidents~1{number}~1report/get/responses/200/content").properties())
        .as("JSON, Markdown and HTML").extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("application/json", "text/markdown", "text/html");
    assertThat(document.at("/paths/~1api~1alerts~1alertmanager/post/requestBody/content/application~1json/schema/$ref")
        .asText()).isEqualTo("#/components/schemas/AlertWebhook");
  }

  @Test
  void swaggerUiNeedsTheAuditLogin() {
    ResponseEntity<String> anonymous = rest.getForEntity("/swagger-ui/index.html", String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    assertThat(rest.getForEntity("/swagger-ui.html", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("responder", "responder").getForEntity("/swagger-ui/index.html", String.class)
        .getStatusCode()).as("not a reader of the audit").isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> auditor = rest.withBasicAuth("auditor", "auditor").getForEntity("/swagger-ui/index.html", String.class);
    assertThat(auditor.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(auditor.getBody()).contains("Swagger UI");
    assertThat(rest.getForEntity("/v3/api-docs/swagger-config", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }
}
