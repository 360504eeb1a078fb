package org.incidentresponse.outbound;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The quick-start app (as {@code @AppTest}) with a Slack, a Mattermost and a Teams channel and a
 * signed webhook, all pointing at {@link Receivers} on 127.0.0.1, plus {@code slack/flaky} and
 * {@code webhook/flaky}, which receive only the review-overdue reminder of SEV4 incidents (the
 * failure tests' own notifications), as does {@code slack/down}, whose receiver is not there. One shared context for
 * the outbound tests; a 1 s request timeout, so the hanging receiver is quick to prove.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "incident-response.channels.slack[0].name=ops",
    "incident-response.channels.slack[0].webhook-url=${outbound.test.receivers}/slack/ops",
    "incident-response.channels.slack[0].notifications=all",
    "incident-response.channels.slack[1].name=flaky",
    "incident-response.channels.slack[1].webhook-url=${outbound.test.receivers}/slack/flaky",
    "incident-response.channels.slack[1].notifications=review-overdue",
    "incident-response.channels.slack[1].severities=SEV4",
    "incident-response.channels.mattermost[0].name=ops",
    "incident-response.channels.mattermost[0].webhook-url=${outbound.test.receivers}/mattermost/ops",
    "incident-response.channels.teams[0].name=leadership",
    "incident-response.channels.teams[0].webhook-url=${outbound.test.receivers}/teams/leadership",
    "incident-response.channels.teams[0].severities=SEV1,SEV2",
    "incident-response.webhooks[0].name=ticketing",
    "incident-response.webhooks[0].url=${outbound.test.receivers}/webhook/ticketing",
    "incident-response.webhooks[0].secret=" + OutboundTest.WEBHOOK_SECRET,
    "incident-response.webhooks[0].events=all",
    "incident-response.webhooks[1].name=flaky",
    "incident-response.webhooks[1].url=${outbound.test.receivers}/webhook/flaky",
    "incident-response.webhooks[1].secret=a plain-text secret",
    "incident-response.webhooks[1].events=followup.overdue",
    "incident-response.webhooks[1].severities=SEV4",
    "incident-response.outbound.request-timeout=1s",
    // A channel whose receiver is down (nothing listens on port 1): the failure tests' review-overdue only.
    "incident-response.channels.slack[2].name=down",
    "incident-response.channels.slack[2].webhook-url=" + OutboundTest.DOWN_URL,
    "incident-response.channels.slack[2].notifications=review-overdue",
    "incident-response.channels.slack[2].severities=SEV4",
})
@ContextConfiguration(initializers = OutboundTest.ReceiversUrl.class)
@ActiveProfiles({"demo", "test"})
public @interface OutboundTest {

  /** A Standard Webhooks secret: whsec_ and the base64 of the key. */
  String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  /** Where nothing answers; its path stands for the secret part of a real webhook URL. */
  String DOWN_URL = "http://127.0.0.1:1/services/T000/B000/downSecretToken";

  /** Points {@code outbound.test.receivers} at the one {@link Receivers} server. */
  class ReceiversUrl implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("outboundReceivers",
          Map.of("outbound.test.receivers", Receivers.get().baseUrl())));
    }
  }
}
