package org.incidentresponse.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.incidentresponse.IncidentResponseApplication;
import org.incidentresponse.sop.NotificationTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Channels that could never be delivered to stop the start, naming the channel and never its URL. */
@ExtendWith(OutputCaptureExtension.class)
class ChannelPropertiesTest {

  private static final String SECRET_PATH = "T0001/B0002/XyZsecretTokenPart";
  private static final String SLACK_URL = "https://hooks.slack.com/services/" + SECRET_PATH;

  private static final OutboundProperties OUTBOUND = new OutboundProperties(null, null, null, null,
      NotificationTemplate.ids().stream().collect(Collectors.toMap(Function.identity(), id -> "incident." + id)),
      Map.of());

  private static ChannelProperties.ChatChannel chat(String name, String url, List<String> notifications,
      List<String> severities) {
    return new ChannelProperties.ChatChannel(name, url, notifications, severities);
  }

  private static List<Destination> slack(ChannelProperties.ChatChannel... channels) {
    return new ChannelProperties(List.of(channels), null, null).destinations(List.of(), OUTBOUND);
  }

  @Test
  void aValidChannelReceivesWhatItAsksFor() {
    List<Destination> destinations = slack(chat("ops", SLACK_URL, List.of("page", "resolved"), List.of("SEV1")));

    assertThat(destinations).singleElement().satisfies(ops -> {
      assertThat(ops.id()).isEqualTo("slack/ops");
      assertThat(ops.receives("page", "SEV1")).isTrue();
      assertThat(ops.receives("page", "SEV2")).isFalse();
      assertThat(ops.receives("update", "SEV1")).isFalse();
      assertThat(ops.redactedUrl()).isEqualTo("https://hooks.slack.com/…");
      assertThat(ops.toString()).doesNotContain(SECRET_PATH);
    });
  }

  @Test
  void refusesAUrlThatIsNotHttp() {
    assertThatThrownBy(() -> slack(chat("ops", "hooks.slack.com/services/" + SECRET_PATH, null, null)))
        .isInstanceOf(ChannelConfigurationException.class)
        .hasMessageContaining("slack channel 'ops' needs an http(s) URL")
        .message().doesNotContain(SECRET_PATH);
    assertThatThrownBy(() -> slack(chat("ops", "ftp://hooks.slack.com/" + SECRET_PATH, null, null)))
        .isInstanceOf(ChannelConfigurationException.class).message().doesNotContain(SECRET_PATH);
  }

  @Test
  void refusesAUrlThatDoesNotParse() {
    assertThatThrownBy(() -> slack(chat("ops", "https://hooks.slack.com/services/" + SECRET_PATH + " |x", null, null)))
        .isInstanceOf(ChannelConfigurationException.class)
        .hasMessageContaining("slack channel 'ops' has a URL that is not valid")
        .message().doesNotContain(SECRET_PATH);
  }

  @Test
  void refusesAMissingUrl() {
    assertThatThrownBy(() -> slack(chat("ops", " ", null, null)))
        .isInstanceOf(ChannelConfigurationException.class)
        .hasMessageContaining("slack channel 'ops' has no URL");
  }

  @Test
  void refusesAnUnknownNotification() {
    assertThatThrownBy(() -> slack(chat("ops", SLACK_URL, List.of("resolved", "resovled"), null)))
        .isInstanceOf(ChannelConfigurationException.class)
        .hasMessageContaining("slack channel 'ops' names unknown notifications [resovled]");
  }

  @Test
  void refusesAnUnknownSeverity() {
    assertThatThrownBy(() -> new ChannelProperties(null, null,
        List.of(chat("leadership", "https://example.webhook.office.com/x", null, List.of("SEV1", "CRITICAL"))))
        .destinations(List.of(), OUTBOUND))
        .isInstanceOf(ChannelConfigurationException.class)
        .hasMessageContaining("teams channel 'leadership' names unknown severities [CRITICAL]");
  }

  @Test
  void refusesTwoChannelsOfAKindWithOneName() {
    assertThatThrownBy(() -> slack(chat("ops", SLACK_URL, null, null), chat("ops", "https://hooks.slack.com/other", null, null)))
        .isInstanceOf(ChannelConfigurationException.class)
        .hasMessageContaining("Two outbound channels are named slack/ops");
    // The kinds are separate: a Mattermost channel may share a Slack channel's name.
    assertThat(new ChannelProperties(List.of(chat("ops", SLACK_URL, null, null)),
        List.of(chat("ops", "https://chat.example.com/hooks/abc", null, null)), null).destinations(List.of(), OUTBOUND))
        .extracting(Destination::id).containsExactly("slack/ops", "mattermost/ops");
  }

  @Test
  void refusesAWebhookWithoutSecretOrWithAnUnknownEvent() {
    ChannelProperties none = new ChannelProperties(null, null, null);
    assertThatThrownBy(() -> none.destinations(List.of(new ChannelProperties.Webhook("ticketing",
        "https://tickets.example.com/hook", " ", null, null)), OUTBOUND))
        .isInstanceOf(ChannelConfigurationException.class)
        .hasMessageContaining("webhook 'ticketing' needs a secret");
    assertThatThrownBy(() -> none.destinations(List.of(new ChannelProperties.Webhook("ticketing",
        "https://tickets.example.com/hook", "s3cret-signing-key", List.of("incident.exploded"), null)), OUTBOUND))
        .isInstanceOf(ChannelConfigurationException.class)
        .hasMessageContaining("webhook 'ticketing' asks for unknown events [incident.exploded]")
        .message().doesNotContain("s3cret-signing-key");
  }

  @Test
  void analysisNamesTheChannelAndWhatToFix() {
    FailureAnalysis analysis = new ChannelConfigurationFailureAnalyzer().analyze(new IllegalStateException(
        new ChannelConfigurationException("slack channel 'ops' needs an http(s) URL")));

    assertThat(analysis.getDescription()).contains("slack channel 'ops' needs an http(s) URL");
    assertThat(analysis.getAction()).contains("incident-response.channels", "webhook-url", "docs/chat-and-webhooks.md");
  }

  @Test
  void applicationRefusesToStartWithABadChannelAndDoesNotPrintItsUrl(CapturedOutput output) {
    SpringApplication application = new SpringApplication(IncidentResponseApplication.class);

    assertThatThrownBy(() -> application.run("--spring.profiles.active=demo,test", "--server.port=0",
        "--incident-response.channels.slack[0].name=ops",
        "--incident-response.channels.slack[0].webhook-url=hooks.slack.com/services/" + SECRET_PATH))
        .hasRootCauseInstanceOf(ChannelConfigurationException.class);
    assertThat(output).contains("APPLICATION FAILED TO START", "slack channel 'ops' needs an http(s) URL",
        "incident-response.channels");
    assertThat(output).doesNotContain(SECRET_PATH);
  }

  @Test
  void theDemoHasAChannelOfEachKindWhichTheTestProfileTurnsOff() throws Exception {
    org.springframework.core.env.MutablePropertySources demo = new org.springframework.core.env.MutablePropertySources();
    for (String file : List.of("application-demo.yaml", "application.yaml")) {
      new org.springframework.boot.env.YamlPropertySourceLoader().load(file,
          new org.springframework.core.io.ClassPathResource(file)).forEach(demo::addLast);
    }
    ChannelProperties demoChannels = new org.springframework.boot.context.properties.bind.Binder(
        org.springframework.boot.context.properties.source.ConfigurationPropertySources.from(demo))
        .bindOrCreate("incident-response.channels", ChannelProperties.class);
    assertThat(List.of(demoChannels.slack(), demoChannels.mattermost(), demoChannels.teams()))
        .allSatisfy(kind -> assertThat(kind).extracting(ChannelProperties.ChatChannel::name).containsExactly("demo"));

    new org.springframework.boot.env.YamlPropertySourceLoader().load("application-test.yaml",
        new org.springframework.core.io.ClassPathResource("application-test.yaml")).forEach(demo::addFirst);
    ChannelProperties testChannels = new org.springframework.boot.context.properties.bind.Binder(
        org.springframework.boot.context.properties.source.ConfigurationPropertySources.from(demo))
        .bindOrCreate("incident-response.channels", ChannelProperties.class);
    assertThat(testChannels.slack()).isEmpty();
    assertThat(testChannels.mattermost()).isEmpty();
    assertThat(testChannels.teams()).isEmpty();
  }
}
