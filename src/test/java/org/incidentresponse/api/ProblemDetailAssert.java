package org.incidentresponse.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.springframework.http.HttpStatus;

/** What every /api error must be, checked the same way by every API test. */
public final class ProblemDetailAssert {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemDetailAssert() {}

  /** An RFC 9457 problem detail: its media type, and type, title, status, detail and instance. */
  public static JsonNode assertProblem(HttpResponse<String> response, int status, String detailPart) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    JsonNode problem;
    try {
      problem = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
    assertThat(problem.get("type").asText()).isEqualTo("about:blank");
    assertThat(problem.get("title").asText()).isEqualTo(HttpStatus.valueOf(status).getReasonPhrase());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asText()).contains(detailPart);
    assertThat(problem.get("instance").asText()).isEqualTo(response.uri().getRawPath());
    return problem;
  }
}
