package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentresponse.api.ProblemDetailAssert.assertProblem;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** GET /api/incidents/{number}/review: who may read it, Markdown or HTML, and before the review is done. */
@Tag("postgres")
class ReviewExportApiTest extends AuditWebTestBase {

  static String reviewed;
  static String open;
  static String notReviewed;

  @BeforeEach
  void incidents() {
    if (reviewed != null) {
      return;
    }
    reviewed = closeIncident(incident("Certificate expired", "review-export", "high", "high"));
    notReviewed = closeIncident(incident("Slow search", "review-export", "low", "low"));
    open = number(start(incident("Checkout slow", "review-export", "high", "high")));
  }

  String path(String number) {
    return "/api/incidents/" + number + "/review";
  }

  @Test
  void withoutCredentialsIs401AndResponderOrCommsIs403() throws Exception {
    assertProblem(get(path(reviewed), "text/markdown", null, null), 401, "log in to Cockpit");
    assertProblem(get(path(reviewed), "text/markdown", "responder", "responder"), 403, "needs membership");
    assertProblem(get(path(reviewed), "text/html", "comms", "comms"), 403, "needs membership");
  }

  @Test
  void auditorGetsMarkdownByDefaultWithTheActionItemsEscaped() throws Exception {
    for (String accept : new String[] {"*/*", "text/markdown"}) {
      HttpResponse<String> response = get(path(reviewed), accept, "auditor", "auditor");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/markdown"));
      assertThat(response.headers().firstValue("Content-Disposition"))
          .hasValue("attachment; filename=\"" + reviewed + "-review.md\"");
      assertThat(response.body()).startsWith("# Post-incident review: " + reviewed.replace("-", "-") + " — Certificate expired")
          .contains("## Action items").containsPattern("\\| 1 \\| Expiry alert \\| detect \\| responder \\| \\d{4}-\\d{2}-\\d{2} \\|  \\| open \\|  \\|")
          .contains("\\*x\\* \\<script\\>alert\\(1\\)\\</script\\>").doesNotContain("<script>")
          .contains("## Timeline").contains("Resolve incident completed by responder");
    }
  }

  @Test
  void commanderGetsHtmlByAcceptOrFormat() throws Exception {
    HttpResponse<String> byAccept = get(path(reviewed), "text/html,application/xhtml+xml,*/*;q=0.8", "commander", "commander");
    HttpResponse<String> byFormat = get(path(reviewed) + "?format=html", "*/*", "commander", "commander");
    for (HttpResponse<String> response : java.util.List.of(byAccept, byFormat)) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/html"));
      assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
          csp -> assertThat(csp).contains("default-src 'none'"));
      assertThat(response.body()).contains("<h2>Action items</h2>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
          .doesNotContain("<script").doesNotContain("<a href");
    }
    HttpResponse<String> markdown = get(path(reviewed) + "?format=markdown", "text/html", "commander", "commander");
    assertThat(markdown.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/markdown"));
  }

  @Test
  void unknownIncidentIs404AndNoReviewYetIs409() throws Exception {
    assertProblem(get(path("INC-1999-0001"), "text/markdown", "auditor", "auditor"), 404, "No incident INC-1999-0001");
    assertProblem(get(path(open), "text/markdown", "auditor", "auditor"), 409, "not resolved and reviewed yet");
    assertProblem(get(path(notReviewed), "text/markdown", "auditor", "auditor"), 409, "closed without a post-incident review");
    assertProblem(get(path(reviewed) + "?format=pdf", "*/*", "auditor", "auditor"), 400, "format must be markdown or html");
  }
}
