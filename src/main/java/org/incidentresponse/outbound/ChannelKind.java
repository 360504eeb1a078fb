package org.incidentresponse.outbound;

import java.util.Locale;

/** Where an outbound message goes, and so which format it takes. */
public enum ChannelKind {
  SLACK, MATTERMOST, TEAMS, WEBHOOK;

  /** {@code slack}, {@code mattermost}, {@code teams}, {@code webhook}: in business keys, metrics and the audit. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ChannelKind byId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
