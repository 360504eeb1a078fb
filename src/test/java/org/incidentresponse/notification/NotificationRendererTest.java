package org.incidentresponse.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.incidentresponse.notification.IncidentVariables.HOSTILE;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.incidentresponse.sop.NotificationTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationRendererTest {

  private static final String ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;";
  private static final String ESCAPED_QUOTES = "&quot;quoted&quot; &#39;single&#39;";
  private static final String NON_ASCII = "Zoë 🚨 ü";
  private static final String NO_FURTHER_UPDATES = "There are no further scheduled updates.";

  private final NotificationProperties properties = ApplicationYaml.notificationProperties();
  private final NotificationRenderer renderer = new NotificationRenderer(properties);

  static Stream<Arguments> everyTemplateForBothAudiences() {
    return NotificationTemplate.ids().stream()
        .flatMap(template -> Stream.of(Arguments.of(template, false), Arguments.of(template, true)));
  }

  @ParameterizedTest(name = "{0}, external={1}")
  @MethodSource("everyTemplateForBothAudiences")
  void hostileInputIsEscapedInHtmlAndIntactInText(String template, boolean external) {
    Map<String, Object> variables = IncidentVariables.sev1();
    // The incident number is shown to every audience, so hostile text there reaches every template.
    variables.put("incidentNumber", "INC-" + HOSTILE);

    RenderedNotification rendered = renderer.render(template, variables, "pi-1", external);

    assertThat(rendered.html()).doesNotContain("<script>").contains(ESCAPED_SCRIPT, ESCAPED_QUOTES, NON_ASCII);
    assertThat(rendered.text()).contains("INC-" + HOSTILE).doesNotContain("&lt;", "&quot;", "&#39;");
    assertThat(rendered.subject()).contains("INC-" + HOSTILE).doesNotContain("[(", "*{", "&lt;");
  }

  /** Every message is one page of the shared layout: drill notice on top, links and footer at the end. */
  @ParameterizedTest(name = "{0}, external={1}")
  @MethodSource("everyTemplateForBothAudiences")
  void everyHtmlMessageIsOneCompletePageWithTheSharedHeaderAndFooter(String template, boolean external) {
    Map<String, Object> variables = IncidentVariables.sev1();
    variables.put("drill", true);

    String html = renderer.render(template, variables, "pi-1", external).html().strip();

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>INC-2026-0042</title>");
    for (String tag : List.of("<html", "<head>", "<title>", "<body", "</body>", "</html>")) {
      assertThat(html.split(Pattern.quote(tag), -1)).as("one %s", tag).hasSize(2);
    }
    String footer = external ? "Reference: INC-2026-0042"
        : "Incident Response notification for INC-2026-0042. Please do not reply to this message.";
    assertThat(html).as("the footer closes the page")
        .matches("(?s).*<p style=\"color:#666;font-size:small\">\\s*" + Pattern.quote(footer) + "\\s*</p>\\s*</body>\\s*</html>");
    assertThat(html.indexOf("DRILL: this is an exercise")).as("the drill notice opens the page")
        .isGreaterThan(html.indexOf("<body")).isLessThan(html.indexOf("<h2"));
    if (external) {
      assertThat(html).doesNotContain("href");
    } else {
      assertThat(html.indexOf(">Tasklist</a>")).as("the links come after the facts, before the footer")
          .isGreaterThan(html.lastIndexOf("</table>")).isLessThan(html.lastIndexOf(footer));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"page", "initial", "timeline", "update", "mitigated", "resolved", "closed",
      "acknowledgement-escalation", "target-breach", "review-overdue", "recovery-reported"})
  void internalMessagesShowTheHostileTitleEscapedInHtmlAndIntactInText(String template) {
    RenderedNotification rendered = renderer.render(template, IncidentVariables.sev1(), "pi-1", false);

    assertThat(rendered.subject()).isEqualTo(expectedSubjectStart(template) + "Checkout fails for " + HOSTILE);
    assertThat(rendered.text()).contains("Checkout fails for " + HOSTILE);
    assertThat(rendered.html()).contains("Checkout fails for " + ESCAPED_SCRIPT + " " + ESCAPED_QUOTES + " " + NON_ASCII);
  }

  private static String expectedSubjectStart(String template) {
    return switch (template) {
      case "page" -> "[SEV1] INC-2026-0042 Take this incident: ";
      case "initial" -> "[SEV1] INC-2026-0042 New incident: ";
      case "timeline" -> "[SEV1] INC-2026-0042 Response timeline: ";
      case "update" -> "[SEV1] INC-2026-0042 Status update: ";
      case "mitigated" -> "[SEV1] INC-2026-0042 Mitigated: ";
      case "resolved" -> "[SEV1] INC-2026-0042 Resolved: ";
      case "closed" -> "[SEV1] INC-2026-0042 Closed: ";
      case "acknowledgement-escalation" -> "[SEV1] INC-2026-0042 Not acknowledged: ";
      case "target-breach" -> "[SEV1] INC-2026-0042 Target resolution time passed: ";
      case "review-overdue" -> "INC-2026-0042 Post-incident review overdue: ";
      case "recovery-reported" -> "[SEV1] INC-2026-0042 Monitoring reports recovery: ";
      default -> throw new IllegalArgumentException(template);
    };
  }

  @Test
  void pageAsksRespondersToClaimWithinTheAcknowledgementTime() {
    RenderedNotification rendered = renderer.render("page", IncidentVariables.sev1(), "pi-1", false);

    for (String body : new String[] {rendered.text(), rendered.html()}) {
      assertThat(body).contains("needs a responder", "Acknowledge (claim its triage task) within 5 min",
          "(SEV1, proposed); unacknowledged, it escalates to the next step of the escalation policy.");
    }
    assertThat(rendered.html()).contains("INC-2026-0042").contains("Tasklist</a>");
  }

  @Test
  void internalInitialMessageHasTheFullPicture() {
    RenderedNotification rendered = renderer.render("initial", IncidentVariables.sev1(), "pi-1", false);

    assertThat(rendered.text()).contains(
        "Payments time out. " + HOSTILE,
        "Severity:           SEV1",
        "Service:            checkout",
        "Rolling back release 42. " + HOSTILE,
        "Target mitigation:  2026-11-29 21:30 UTC",
        "Target resolution:  2026-11-30 00:30 UTC",
        "Reported:           2026-11-29 20:30 UTC by responder",
        "Alert:     https://alerts.example.org/graph?g0.expr=up%3D%3D0",
        "Runbook:   https://runbooks.example.org/checkout",
        "Tasklist:  http://localhost:8080/camunda/app/tasklist/default/",
        "Cockpit:   http://localhost:8080/camunda/app/cockpit/default/#/process-instance/pi-1/runtime",
        "Next update: 2026-11-29 21:00 UTC.");
    assertThat(rendered.html()).contains(
        "<a href=\"https://runbooks.example.org/checkout\">Runbook</a>",
        "<a href=\"http://localhost:8080/camunda/app/tasklist/default/\">Tasklist</a>",
        "Next update: <strong>2026-11-29 21:00 UTC</strong>");
  }

  @Test
  void customerVersionLeavesOutInternalDetailsAndLinks() {
    RenderedNotification rendered = renderer.render("initial", IncidentVariables.sev1(), "pi-1", true);

    assertThat(rendered.subject()).isEqualTo("INC-2026-0042 We are investigating an issue affecting checkout");
    assertThat(rendered.text())
        .contains("We are aware of an issue affecting checkout", "Rolling back release 42.",
            "Next update: 2026-11-29 21:00 UTC.", "Reference: INC-2026-0042")
        .doesNotContain("Payments time out", "Checkout fails", "SEV1", "runbooks.example.org",
            "alerts.example.org", "localhost:8080", "Tasklist", "Cockpit", "Target", "responder");
    assertThat(rendered.html())
        .contains("We are aware of an issue affecting checkout")
        .doesNotContain("Payments time out", "Checkout fails", "SEV1", "runbooks.example.org", "href", "Target");
  }

  @ParameterizedTest
  @ValueSource(strings = {"initial", "timeline", "update", "mitigated"})
  void ongoingStakeholderMessagesSayWhenTheNextUpdateComes(String template) {
    for (boolean external : List.of(false, true)) {
      RenderedNotification rendered = renderer.render(template, IncidentVariables.sev1(), "pi-1", external);
      assertThat(rendered.text()).contains("Next update: 2026-11-29 21:00 UTC.").doesNotContain(NO_FURTHER_UPDATES);
      assertThat(rendered.html()).contains("Next update: <strong>2026-11-29 21:00 UTC</strong>");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"initial", "timeline", "update", "mitigated"})
  void withoutNextUpdateStakeholdersReadThereAreNoFurtherScheduledUpdates(String template) {
    for (boolean external : List.of(false, true)) {
      RenderedNotification rendered = renderer.render(template, IncidentVariables.sev4(), "pi-1", external);
      assertThat(rendered.text()).contains(NO_FURTHER_UPDATES).doesNotContain("Next update");
      assertThat(rendered.html()).contains(NO_FURTHER_UPDATES).doesNotContain("Next update");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resolved", "closed"})
  void afterResolutionAStaleNextUpdateIsNotAnnounced(String template) {
    for (boolean external : List.of(false, true)) {
      RenderedNotification rendered = renderer.render(template, IncidentVariables.sev1(), "pi-1", external);
      assertThat(rendered.text()).contains(NO_FURTHER_UPDATES).doesNotContain("Next update");
      assertThat(rendered.html()).contains(NO_FURTHER_UPDATES).doesNotContain("Next update");
    }
  }

  @Test
  void resolvedListsFollowUpActionsForInternalRecipientsOnly() {
    RenderedNotification internal = renderer.render("resolved", IncidentVariables.sev1(), "pi-1", false);
    RenderedNotification external = renderer.render("resolved", IncidentVariables.sev1(), "pi-1", true);

    assertThat(internal.text()).contains("- Add pool alert — responder\n- Load test releases — owner",
        "Root cause:\nConnection pool exhausted.");
    assertThat(internal.html()).contains("<li>Add pool alert — responder</li>");
    assertThat(external.text()).contains("The issue affecting checkout has been resolved.")
        .doesNotContain("pool", "Release 42");
  }

  @Test
  void escalationStatesTheAcknowledgementTimeReadably() {
    RenderedNotification rendered = renderer.render("acknowledgement-escalation", IncidentVariables.sev1(), "pi-1", false);

    assertThat(rendered.text()).contains("since it was reported (2026-11-29 20:30 UTC), so its escalation policy now pages you."
        + " Acknowledge (claim its triage task) within 5 min;");
  }

  @Test
  void aPageNamesItsEscalationStepsWaitRatherThanTheSeveritysDefault() {
    Map<String, Object> variables = new java.util.HashMap<>(IncidentVariables.sev1());
    variables.put("escalationWaitFor", "PT15M");

    for (String template : new String[] {"page", "acknowledgement-escalation"}) {
      RenderedNotification rendered = renderer.render(template, variables, "pi-1", false);
      assertThat(rendered.text()).as(template).contains("within 15 min").doesNotContain("within 5 min");
      assertThat(rendered.html()).as(template).contains("within 15 min");
    }
  }

  @Test
  void drillsAreMarkedInSubjectAndBody() {
    Map<String, Object> variables = IncidentVariables.sev1();
    variables.put("drill", true);

    for (boolean external : List.of(false, true)) {
      RenderedNotification rendered = renderer.render("initial", variables, "pi-1", external);
      assertThat(rendered.subject()).startsWith("[DRILL] ");
      assertThat(rendered.text()).startsWith("DRILL: this is an exercise, not a real incident.");
      assertThat(rendered.html()).contains("DRILL: this is an exercise, not a real incident.");
    }
    assertThat(renderer.render("initial", IncidentVariables.sev1(), "pi-1", false).text()).doesNotContain("DRILL");
  }

  @Test
  void onlyHttpLinksAreShown() {
    Map<String, Object> variables = IncidentVariables.sev1();
    variables.put("runbookUrl", "javascript:alert(document.cookie)");

    RenderedNotification rendered = renderer.render("initial", variables, "pi-1", false);

    assertThat(rendered.html()).doesNotContain("javascript:").doesNotContain(">Runbook<");
    assertThat(rendered.text()).doesNotContain("javascript:", "Runbook:");
  }

  @Test
  void aTitleWithLineBreaksStaysOneSubjectLine() {
    Map<String, Object> variables = IncidentVariables.sev1();
    variables.put("title", "Broken\r\nBcc: attacker@example.com");

    assertThat(renderer.render("initial", variables, "pi-1", false).subject())
        .isEqualTo("[SEV1] INC-2026-0042 New incident: Broken Bcc: attacker@example.com");
  }

  @Test
  void unknownTemplatesFailNamingTheConfiguredOnes() {
    assertThatThrownBy(() -> renderer.render("nonsense", IncidentVariables.sev1(), "pi-1", false))
        .hasMessageContaining("Unknown notification template 'nonsense'")
        .hasMessageContaining("initial");
  }
}
