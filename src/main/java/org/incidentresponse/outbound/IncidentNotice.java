package org.incidentresponse.outbound;

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
 * @param links button label → http(s) URL, in order
 */
public record IncidentNotice(String template, String processInstanceId, Map<String, Object> variables,
    Instant issuedAt, String status, Map<String, String> links) {

  private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  public IncidentNotice {
    variables = Collections.unmodifiableMap(new HashMap<>(variables));
    links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
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
