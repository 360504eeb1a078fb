package org.incidentresponse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.server.ResponseStatusException;

/** Which failure becomes which problem detail, and that only /api is touched. */
class ApiErrorsTest {

  private final ApiErrors errors = new ApiErrors();

  @Test
  void anUnexpectedFailureIs500WithoutItsInnards() throws Exception {
    ProblemDetail problem = handle(new IllegalStateException("secret internals"), "/api/incidents");
    assertThat(problem.getStatus()).isEqualTo(500);
    assertThat(problem.getDetail()).isEqualTo("internal error; retry later").doesNotContain("secret");
    assertThat(problem.getInstance()).hasToString("/api/incidents");
  }

  @Test
  void theDatabaseGoneIs503() throws Exception {
    ProblemDetail problem = handle(new IllegalStateException("query failed",
        new SQLTransientConnectionException("pool exhausted")), "/api/incidents/metrics");
    assertThat(problem.getStatus()).isEqualTo(503);
    assertThat(problem.getDetail()).contains("database unavailable");
  }

  @Test
  void springsOwnAndResponseStatusExceptionsKeepTheirStatusAndDetail() throws Exception {
    assertThat(handle(new HttpRequestMethodNotSupportedException("DELETE"), "/api/incidents").getStatus()).isEqualTo(405);
    ProblemDetail notFound = handle(new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident X"), "/api/incidents/X/report");
    assertThat(notFound.getStatus()).isEqualTo(404);
    assertThat(notFound.getDetail()).isEqualTo("No incident X");
  }

  @Test
  void otherPathsKeepSpringBootsErrorHandling() {
    IllegalStateException failure = new IllegalStateException("webapp trouble");
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/camunda/app/cockpit/default/");
    assertThatThrownBy(() -> errors.handle(failure, request, new ServletWebRequest(request, new MockHttpServletResponse())))
        .isSameAs(failure);
    MockHttpServletRequest apiLookalike = new MockHttpServletRequest("GET", "/apis");
    assertThatThrownBy(() -> errors.handle(failure, apiLookalike, new ServletWebRequest(apiLookalike, new MockHttpServletResponse())))
        .isSameAs(failure);
  }

  private ProblemDetail handle(Exception failure, String path) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    ResponseEntity<?> response = errors.handle(failure, request, new ServletWebRequest(request, new MockHttpServletResponse()));
    ProblemDetail problem = (ProblemDetail) response.getBody();
    assertThat(response.getStatusCode().value()).isEqualTo(problem.getStatus());
    return problem;
  }
}
