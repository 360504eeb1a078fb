package org.incidentresponse.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;
import org.incidentresponse.notification.ApplicationYaml;
import org.incidentresponse.notification.NotificationRenderer;
import org.incidentresponse.sop.NotificationTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A title, description and status note full of mentions, links and markup reach every chat as
 * inert text: each payload is valid for its format, and what the client would render (Slack mrkdwn,
 * Mattermost and Teams Markdown, parsed here by a CommonMark parser) holds no mention, no link but
 * the app's own buttons, no formatting. Links that are not plain http(s) URLs give no button.
 */
class ChatEscapingTest {

  static final String HOSTILE = "<!channel> @channel @here <http://evil.example|click me> & "
      + "[click me](http://evil.example) ![img](http://evil.example/i.png) **bold** _it_ `code` # heading "
      + "<script>alert(1)</script> ~town-square <at>everyone</at>";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Parser MARKDOWN = Parser.builder().build();
  private static final NotificationRenderer RENDERER = new NotificationRenderer(ApplicationYaml.notificationProperties());

  static List<String> templates() {
    return List.copyOf(NotificationTemplate.ids());
  }

  private static IncidentNotice notice(String template) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("incidentNumber", "INC-2026-0042");
    variables.put("title", "Checkout down " + HOSTILE);
    variables.put("description", "Payments fail. " + HOSTILE);
    variables.put("statusNote", "Rolling back. " + HOSTILE);
    variables.put("resolutionSummary", "Rolled back. " + HOSTILE);
    variables.put("workaroundDescription", "Use the backup. " + HOSTILE);
    variables.put("rootCause", "Pool exhausted. " + HOSTILE);
    variables.put("service", "checkout " + HOSTILE);
    variables.put("severity", "SEV1");
    variables.put("incidentCommander", "commander");
    variables.put("reportedAt", Date.from(Instant.parse("2026-11-29T20:30:00Z")));
    variables.put("nextUpdateAt", "2026-11-29T21:00Z");
    variables.put("ackTimeout", "PT5M");
    variables.put("updateCadence", "PT30M");
    variables.put("targetResolutionAt", "2026-11-30T00:30Z");
    variables.put("reviewDueAt", "2026-12-04T17:00Z");
    variables.put("followUpActions", "Add pool alert " + HOSTILE);
    Map<String, String> links = new LinkedHashMap<>();
    links.put("Open in Tasklist", "http://localhost:8080/app/tasklist/default/#/?task=42");
    links.put("Audit", "http://localhost:8080/api/incidents/INC-2026-0042/report");
    // Typed into the incident: a runbook URL that would close the Markdown link and open another.
    links.put("Runbook", "https://runbooks.example.org/x)[evil](http://evil.example");
    links.put("Dashboard", "javascript:alert(1)");
    return new IncidentNotice(template, "pi-1", variables, Instant.parse("2026-11-29T20:31:00Z"), "Investigating", links);
  }

  private static JsonNode payload(OutboundFormat format, String template) throws Exception {
    String body = format.payload(notice(template), "event-1").body();
    // Written HTML-safe: a receiver pasting a value into a page gets text.
    assertThat(body).doesNotContain("<", ">", "&");
    return JSON.readTree(body);
  }

  private static void valid(JsonSchema schema, JsonNode payload) {
    assertThat(schema.validate(payload)).as(payload.toPrettyString()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("templates")
  void slackShowsUserTextAsTyped(String template) throws Exception {
    JsonNode payload = payload(new SlackFormat(RENDERER), template);
    valid(PayloadSchemas.slackMessage(), payload);

    List<String> mrkdwn = new ArrayList<>();
    mrkdwn.add(payload.get("text").asText());
    payload.findParents("type").stream().filter(n -> "mrkdwn".equals(n.path("type").asText()))
        .forEach(n -> mrkdwn.add(n.get("text").asText()));
    for (String text : mrkdwn) {
      // Slack's control sequences (<!channel>, <url|label>, <@U123>) all start with '<'.
      assertThat(text).doesNotContain("<", ">");
      assertThat(text.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")).doesNotContain("&");
    }
    assertThat(String.join("\n", mrkdwn)).contains("&lt;!channel&gt;", "&lt;http://evil.example|click me&gt;",
        " &amp; ", "&lt;script&gt;");
    assertThat(buttonUrls(payload.findValues("url")))
        .containsExactly("http://localhost:8080/app/tasklist/default/#/?task=42",
            "http://localhost:8080/api/incidents/INC-2026-0042/report");
  }

  @ParameterizedTest
  @MethodSource("templates")
  void mattermostShowsUserTextAsTyped(String template) throws Exception {
    JsonNode payload = payload(new MattermostFormat(RENDERER), template);
    valid(PayloadSchemas.mattermostMessage(), payload);

    JsonNode attachment = payload.get("attachments").get(0);
    List<String> markdown = new ArrayList<>(List.of(payload.get("text").asText(), attachment.get("title").asText(),
        attachment.get("text").asText()));
    attachment.get("fields").forEach(field -> markdown.add(field.get("value").asText()));
    for (String text : markdown) {
      assertThat(text).doesNotContainPattern("@(channel|here|all)\\b").doesNotContainPattern("(?<!\\\\)~town");
      assertThat(inert(text, "Open in Tasklist", "Audit")).as(text).isTrue();
    }
    assertThat(links(attachment.get("text").asText())).containsExactly(
        "http://localhost:8080/app/tasklist/default/#/?task=42",
        "http://localhost:8080/api/incidents/INC-2026-0042/report");
    assertThat(attachment.get("title").asText()).contains("\\[click me\\]\\(http://evil\\.example\\)");
    // Notifications show the fallback as plain text: as typed, no escaping backslashes.
    assertThat(attachment.get("fallback").asText()).contains("[click me](http://evil.example)").doesNotContain("\\[")
        .doesNotContainPattern("@(channel|here|all)\\b");
  }

  @ParameterizedTest
  @MethodSource("templates")
  void teamsShowsUserTextAsTyped(String template) throws Exception {
    JsonNode payload = payload(new TeamsFormat(RENDERER), template);
    JsonNode card = payload.get("attachments").get(0).get("content");
    valid(PayloadSchemas.adaptiveCard(), card);

    List<String> markdown = new ArrayList<>();
    card.get("body").forEach(element -> {
      if (element.has("text")) {
        markdown.add(element.get("text").asText());
      }
      element.path("facts").forEach(fact -> markdown.add(fact.get("value").asText()));
    });
    for (String text : markdown) {
      assertThat(inert(text)).as(text).isTrue();
    }
    assertThat(buttonUrls(card.findValues("url"))).containsExactly(
        "http://localhost:8080/app/tasklist/default/#/?task=42",
        "http://localhost:8080/api/incidents/INC-2026-0042/report");
    assertThat(card.get("fallbackText").asText()).doesNotContain("\\[");
  }

  private static List<String> buttonUrls(List<JsonNode> urls) {
    return urls.stream().map(JsonNode::asText).toList();
  }

  /** Whether CommonMark finds no HTML, no emphasis and no link but the app's own (by their labels). */
  private static boolean inert(String markdown, String... ownLinks) {
    Node document = MARKDOWN.parse(markdown);
    boolean[] inert = {true};
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Link link) {
        Node label = link.getFirstChild();
        String text = label instanceof org.commonmark.node.Text t ? t.getLiteral() : "";
        if (!List.of(ownLinks).contains(text)) {
          inert[0] = false;
        }
        super.visit(link);
      }

      @Override
      public void visit(HtmlInline html) {
        inert[0] = false;
      }

      @Override
      public void visit(Emphasis emphasis) {
        inert[0] = false;
      }

      @Override
      public void visit(StrongEmphasis strong) {
        inert[0] = false;
      }

      @Override
      public void visit(org.commonmark.node.Image image) {
        inert[0] = false;
      }

      @Override
      public void visit(org.commonmark.node.Code code) {
        inert[0] = false;
      }
    });
    return inert[0];
  }

  private static List<String> links(String markdown) {
    List<String> destinations = new ArrayList<>();
    MARKDOWN.parse(markdown).accept(new AbstractVisitor() {
      @Override
      public void visit(Link link) {
        destinations.add(link.getDestination());
      }
    });
    return destinations;
  }
}
