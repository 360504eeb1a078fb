package org.incidentresponse.outbound;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The configured chat channels and webhooks, checked once at start-up. */
@Component
public class Destinations {

  /** A list at the configuration's top level, which no @ConfigurationProperties class can bind to. */
  static final String WEBHOOKS = "incident-response.webhooks";

  private final List<Destination> all;

  public Destinations(ChannelProperties channels, OutboundProperties outbound, Environment environment) {
    List<ChannelProperties.Webhook> webhooks = Binder.get(environment)
        .bind(WEBHOOKS, Bindable.listOf(ChannelProperties.Webhook.class)).orElse(List.of());
    this.all = channels.destinations(webhooks, outbound);
  }

  public List<Destination> all() {
    return all;
  }

  /** The ones that receive this notification of an incident of this severity. */
  public List<Destination> receiving(String template, String severity) {
    return all.stream().filter(d -> d.receives(template, severity)).toList();
  }

  /** By {@link Destination#id()}: {@code slack/ops}. */
  public Optional<Destination> byId(String id) {
    return all.stream().filter(d -> d.id().equals(id)).findFirst();
  }
}
