package org.incidentresponse.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;

/**
 * One notification of one incident as every outbound format needs it: the facts in plain text (each
 * format escapes them for its own markup), the links, and what is needed to render the chat wording.
 *
 * @param template the notification template, e.g. {@code resolved}
 * @param processInstanceId the incident's process instance
 * @param variables the incident's variables when the notification was sent
 * @param issuedAt engine time of the notification
 * @param status the incident's state in a word, e.g. {@code Resolved}
 * @param links button label → http(s) URL, in order; a link that is not an absolute http(s) URL (a runbook
 *     typed as {@code javascript:…}, or with characters that would end a Markdown link) is left out, so that
 *     no format shows it and Teams does not refuse the card for it
 */
public record IncidentNotice(String template, String processInstanceId, Map<String, Object> variables,
    Instant issuedAt, String status, Map<String, String> links) {

  private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  public IncidentNotice {
    variables = Collections.unmodifiableMap(new HashMap<>(variables));
    Map<String, String> usable = new LinkedHashMap<>();
    links.forEach((label, url) -> httpUrl(url).ifPresent(valid -> usable.put(label, valid)));
    links = Collections.unmodifiableMap(usable);
  }

  /** The URL, stripped, when it is an absolute http(s) URL with a host that parses as a URI; else empty. */
  static Optional<String> httpUrl(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
          ? Optional.of(uri.toString()) : Optional.empty();
    } catch (URISyntaxException notAUri) {
      return Optional.empty();
    }
  }

  private IncidentVariables incident() {
    return IncidentVariables.of(variables);
  }

  public String incidentNumber() {
    return incident().incidentNumber();
  }

  public String severity() {
    return incident().string(IncidentVariable.SEVERITY);
  }

  public String title() {
    return incident().title();
  }

  public boolean drill() {
    return incident().drill();
  }

  /** "INC-2026-0001 · SEV1 · Checkout API down", with [DRILL] in front of a drill. */
  public String header() {
    List<String> parts = new ArrayList<>();
    parts.add(incidentNumber());
    if (severity() != null) {
      parts.add(severity());
    }
    parts.add(title() == null ? "(no title)" : title());
    return (drill() ? "[DRILL] " : "") + String.join(" · ", parts);
  }

  /** Label → value, in order, without the empty ones: service, status, commander, next update. */
  public Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    put(fields, "Service", incident().string(IncidentVariable.SERVICE));
    put(fields, "Status", status);
    put(fields, "Commander", incident().string(IncidentVariable.INCIDENT_COMMANDER));
    Instant nextUpdate = incident().instant(IncidentVariable.NEXT_UPDATE_AT);
    if (nextUpdate != null && !"closed".equals(template) && !"resolved".equals(template)) {
      put(fields, "Next update", READABLE.format(nextUpdate));
    }
    return fields;
  }

  private static void put(Map<String, String> fields, String label, String value) {
    if (value != null && !value.isBlank()) {
      fields.put(label, value.strip());
    }
  }
}
