package org.incidentresponse.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.incidentresponse.sop.NotificationTemplate;
import org.incidentresponse.sop.Severity;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Chat channels, {@code incident-response.channels}: Slack, Mattermost and Teams incoming webhooks;
 * and the form of the signed webhooks under {@code incident-response.webhooks} (bound by
 * {@link Destinations}).
 *
 * <p>Start-up fails on a channel it could not deliver to (no URL, an unknown notification or
 * severity, a webhook without secret) rather than at the first incident; the messages name the
 * channel, never its URL or secret.
 */
@ConfigurationProperties("incident-response.channels")
public record ChannelProperties(List<ChatChannel> slack, List<ChatChannel> mattermost, List<ChatChannel> teams) {

  public ChannelProperties {
    slack = slack == null ? List.of() : List.copyOf(slack);
    mattermost = mattermost == null ? List.of() : List.copyOf(mattermost);
    teams = teams == null ? List.of() : List.copyOf(teams);
  }

  /** Every channel and the webhooks, checked; names are unique within a kind. */
  List<Destination> destinations(List<Webhook> webhooks, OutboundProperties outbound) {
    List<Destination> all = new ArrayList<>();
    slack.forEach(c -> all.add(c.destination(ChannelKind.SLACK)));
    mattermost.forEach(c -> all.add(c.destination(ChannelKind.MATTERMOST)));
    teams.forEach(c -> all.add(c.destination(ChannelKind.TEAMS)));
    for (Webhook webhook : webhooks) {
      all.add(webhook.destination(outbound.eventTypes()));
    }
    Set<String> ids = new HashSet<>();
    for (Destination destination : all) {
      if (!ids.add(destination.id())) {
        throw new ChannelConfigurationException("Two outbound channels are named " + destination.id());
      }
    }
    return List.copyOf(all);
  }

  /**
   * @param name shown in the audit and the metrics
   * @param webhookUrl the channel's incoming-webhook URL, a secret from the environment
   * @param notifications template names, or {@code all} (the default)
   * @param severities severities, default all
   */
  public record ChatChannel(String name, String webhookUrl, List<String> notifications, List<String> severities) {

    Destination destination(ChannelKind kind) {
      String label = kind.id() + " channel '" + name + "'";
      return new Destination(kind, checkedName(name, kind), checkedUrl(webhookUrl, label), null,
          checkedTemplates(notifications, label), checkedSeverities(severities, label));
    }

    @Override
    public String toString() {
      return "ChatChannel[" + name + "]";
    }
  }

  /**
   * @param name shown in the audit and the metrics
   * @param url the receiver's URL
   * @param secret the signing key shared with the receiver: the standard-webhooks form {@code whsec_<base64>},
   *     or any other text, whose UTF-8 bytes are the key
   * @param events CloudEvents types ({@code incident.opened}, ...), or {@code all} (the default)
   * @param severities severities, default all
   */
  public record Webhook(String name, String url, String secret, List<String> events, List<String> severities) {

    Destination destination(Map<String, String> eventTypes) {
      String label = "webhook '" + name + "'";
      if (secret == null || secret.isBlank()) {
        throw new ChannelConfigurationException(label + " needs a secret to sign its requests");
      }
      Set<String> wanted = Destination.all(events);
      Set<String> templates = new TreeSet<>();
      if (!wanted.isEmpty()) {
        Set<String> unknown = new TreeSet<>(wanted);
        unknown.removeAll(eventTypes.values());
        if (!unknown.isEmpty()) {
          throw new ChannelConfigurationException(label + " asks for unknown events " + unknown
              + "; known: " + new TreeSet<>(eventTypes.values()));
        }
        eventTypes.forEach((template, type) -> {
          if (wanted.contains(type)) {
            templates.add(template);
          }
        });
      }
      return new Destination(ChannelKind.WEBHOOK, checkedName(name, ChannelKind.WEBHOOK), checkedUrl(url, label), secret.strip(),
          templates, checkedSeverities(severities, label));
    }

    @Override
    public String toString() {
      return "Webhook[" + name + "]";
    }
  }

  private static String checkedName(String name, ChannelKind kind) {
    if (name == null || !name.strip().matches("[A-Za-z0-9._-]+")) {
      throw new ChannelConfigurationException("Every " + kind.id() + " channel needs a name of letters, digits, '.', '_' or '-'");
    }
    return name.strip();
  }

  private static URI checkedUrl(String url, String label) {
    if (url == null || url.isBlank()) {
      throw new ChannelConfigurationException(label + " has no URL; set it from the environment");
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
        throw new ChannelConfigurationException(label + " needs an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException notAUri) {
      // The URL itself is a secret: not in the message.
      throw new ChannelConfigurationException(label + " has a URL that is not valid");
    }
  }

  private static Set<String> checkedTemplates(List<String> names, String label) {
    Set<String> templates = Destination.all(names);
    Set<String> unknown = new TreeSet<>(templates);
    unknown.removeAll(NotificationTemplate.ids());
    if (!unknown.isEmpty()) {
      throw new ChannelConfigurationException(label + " names unknown notifications " + unknown
          + "; known: " + NotificationTemplate.ids() + " or all");
    }
    return templates;
  }

  private static Set<String> checkedSeverities(List<String> names, String label) {
    Set<String> severities = Destination.all(names);
    Set<String> unknown = new TreeSet<>(severities);
    unknown.removeAll(Severity.names());
    if (!unknown.isEmpty()) {
      throw new ChannelConfigurationException(label + " names unknown severities " + unknown + "; known: " + Severity.allowed());
    }
    return severities;
  }
}
