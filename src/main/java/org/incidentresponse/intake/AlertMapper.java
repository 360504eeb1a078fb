package org.incidentresponse.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.intake.AlertWebhook.Alert;
import org.incidentresponse.intake.IntakeProperties.ImpactUrgency;
import org.incidentresponse.sop.IncidentStart;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.springframework.stereotype.Component;

/**
 * Turns monitoring webhooks into incidents: validates them, splits them into groups (one incident
 * each), derives the idempotency key of a notification, and maps labels and annotations to the
 * SOP's variables as configured in {@code incident-response.intake.mapping}.
 */
@Component
public class AlertMapper {

  /** Camunda keeps String variables up to 4000 characters in its TEXT_ column. */
  static final int MAX_TEXT = 3900;
  private static final Instant UNKNOWN_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private final IntakeProperties properties;

  public AlertMapper(IntakeProperties properties) {
    this.properties = properties;
  }

  /** Rejects (400) a notification that is not a complete webhook of the expected version. */
  public void validate(String source, String expectedVersion, AlertWebhook webhook) {
    if (webhook == null) {
      throw IntakeRejected.badRequest("empty body");
    }
    if (webhook.version() == null) {
      throw IntakeRejected.badRequest("missing field 'version'");
    }
    if (!expectedVersion.equals(webhook.version())) {
      throw IntakeRejected.badRequest("unsupported %s payload version '%s' (expected '%s')"
          .formatted(source, webhook.version(), expectedVersion));
    }
    requireStatus(webhook.status(), "status");
    if (blank(webhook.groupKey())) {
      throw IntakeRejected.badRequest("missing field 'groupKey'");
    }
    if (webhook.truncated() < 0) {
      throw IntakeRejected.badRequest("'truncatedAlerts' must not be negative");
    }
    if (webhook.alerts() == null || webhook.alerts().isEmpty()) {
      throw IntakeRejected.badRequest("missing field 'alerts' (at least one alert)");
    }
    for (int i = 0; i < webhook.alerts().size(); i++) {
      Alert alert = webhook.alerts().get(i);
      String at = "alerts[" + i + "]";
      if (alert == null) {
        throw IntakeRejected.badRequest(at + " is null");
      }
      requireStatus(alert.status(), at + ".status");
      if (alert.labels() == null || alert.labels().isEmpty()) {
        throw IntakeRejected.badRequest("missing field '" + at + ".labels'");
      }
      if (blank(alert.startsAt())) {
        throw IntakeRejected.badRequest("missing field '" + at + ".startsAt'");
      }
      parseTime(alert.startsAt(), at + ".startsAt");
      if (!blank(alert.endsAt())) {
        parseTime(alert.endsAt(), at + ".endsAt");
      }
      if ("alertmanager".equals(source) && blank(alert.fingerprint())) {
        throw IntakeRejected.badRequest("missing field '" + at + ".fingerprint'");
      }
    }
  }

  /** One group per incident: the whole notification, or one per alert fingerprint. */
  public List<AlertGroup> groups(String source, AlertWebhook webhook) {
    if (properties.dedupBy() == IntakeProperties.DedupBy.GROUP_KEY) {
      return List.of(new AlertGroup(source, source + ":" + webhook.groupKey(),
          webhook.alerts().stream().noneMatch(Alert::firing), webhook.alerts(), webhook));
    }
    Map<String, List<Alert>> byFingerprint = new TreeMap<>();
    webhook.alerts().forEach(a -> byFingerprint.computeIfAbsent(fingerprint(a), f -> new ArrayList<>()).add(a));
    return byFingerprint.entrySet().stream()
        .map(e -> new AlertGroup(source, source + ":fingerprint:" + e.getKey(),
            e.getValue().stream().noneMatch(Alert::firing), e.getValue(), webhook))
        .toList();
  }

  /**
   * The same notification delivered twice (repeat, HA peer, retry after a timeout) has the same
   * key: source, group key, status, and each alert's fingerprint, status, start and (when resolved) end.
   */
  public String idempotencyKey(String source, AlertWebhook webhook) {
    String alerts = webhook.alerts().stream()
        .map(a -> fingerprint(a) + "|" + a.status() + "|" + instant(a.startsAt())
            + "|" + (a.firing() ? "" : instant(a.endsAt())))
        .sorted().collect(Collectors.joining(","));
    return sha256(source + "\n" + webhook.groupKey() + "\n" + webhook.status() + "\n" + alerts);
  }

  /** The start variables of an incident opened by this group's alerts. */
  public Map<String, Object> incidentVariables(AlertGroup group) {
    var mapping = properties.mapping();
    List<Alert> alerts = group.firingAlerts().isEmpty() ? group.alerts() : group.firingAlerts();
    AlertWebhook webhook = group.webhook();
    String description = firstNonBlank(lookup(mapping.description(), alerts, webhook), webhook.message());
    if (webhook.truncated() > 0) {
      description = (description == null ? "" : description + "\n\n")
          + "Monitoring truncated this notification: %d more alerts were not sent.".formatted(webhook.truncated());
    }
    ImpactUrgency severity = severity(alerts, webhook);
    String alert = describe(group);
    IncidentStart start = IncidentStart.reportedVia(group.source())
        .reporter(group.source())
        .title(text(firstNonBlank(lookup(mapping.title(), alerts, webhook), webhook.title(),
            "%s alert %s".formatted(group.source(), webhook.groupLabels() == null ? "" : webhook.groupLabels()))))
        .description(text(description))
        .service(text(lookup(mapping.service(), alerts, webhook)))
        .impactAndUrgency(severity == null ? null : severity.impact(), severity == null ? null : severity.urgency())
        .customerImpact(isTrue(lookup(mapping.customerImpact(), alerts, webhook)))
        .drill(isTrue(lookup(mapping.drill(), alerts, webhook)))
        .externalContacts(text(lookup(mapping.externalContacts(), alerts, webhook)))
        .links(text(lookup(mapping.runbookUrl(), alerts, webhook)),
            text(firstNonBlank(lookup(mapping.dashboardUrl(), alerts, webhook), alerts.stream()
                .map(a -> firstNonBlank(a.panelURL(), a.dashboardURL())).filter(u -> !blank(u)).findFirst().orElse(null))),
            text(alerts.stream().map(Alert::generatorURL).filter(u -> !blank(u)).findFirst().orElse(null)))
        .reportedAt(startedAt(alerts))
        .set(IncidentVariable.ALERT_COUNT, 1)
        .set(IncidentVariable.LAST_ALERT_AT, ClockUtil.getCurrentTime())
        .set(IncidentVariable.ALERT_DEDUP_KEY, text(group.dedupKey()))
        .set(IncidentVariable.ALERT, alert)
        .set(IncidentVariable.LAST_ALERT, alert);
    if (webhook.truncated() > 0) {
      start.set(IncidentVariable.ALERTS_TRUNCATED, webhook.truncated());
    }
    return start.variables();
  }

  /**
   * Variables of one correlation (AlertReceived / RecoveryReported): {@code lastAlert} describes the
   * notification; Task_RecordAlert / Task_RecordRecovery keep a copy as the local variable
   * {@code alert} of their event subprocess, so history holds one entry per correlation.
   */
  public Map<String, Object> correlationVariables(AlertGroup group) {
    Map<String, Object> vars = new HashMap<>();
    IncidentVariables correlation = IncidentVariables.of(vars).set(IncidentVariable.LAST_ALERT, describe(group));
    if (group.webhook().truncated() > 0) {
      correlation.set(IncidentVariable.ALERTS_TRUNCATED, group.webhook().truncated());
    }
    return vars;
  }

  /** One line per alert: status, labels, start (and end), generator URL; for auditors. */
  public String describe(AlertGroup group) {
    StringBuilder text = new StringBuilder();
    text.append(group.source()).append(' ').append(group.resolved() ? "resolved" : "firing")
        .append(", group ").append(group.webhook().groupKey()).append(", ")
        .append(group.alerts().size()).append(" alert(s)");
    if (group.webhook().truncated() > 0) {
      text.append(", ").append(group.webhook().truncated()).append(" truncated");
    }
    for (Alert a : group.alerts()) {
      text.append('\n').append(a.status()).append(' ').append(fingerprint(a)).append(' ').append(new TreeMap<>(a.labels()))
          .append(" since ").append(instant(a.startsAt()));
      if (!a.firing() && instant(a.endsAt()) != null) {
        text.append(" until ").append(instant(a.endsAt()));
      }
      if (!blank(a.generatorURL())) {
        text.append(' ').append(a.generatorURL());
      }
    }
    return text(text.toString());
  }

  ImpactUrgency severity(List<Alert> alerts, AlertWebhook webhook) {
    var mapping = properties.mapping();
    List<String> values = Stream.concat(alerts.stream().map(a -> lookup(mapping.severity(), List.of(a), null)),
        Stream.of(lookup(mapping.severity(), List.of(), webhook))).filter(Objects::nonNull)
        .map(v -> v.toLowerCase(java.util.Locale.ROOT)).toList();
    return mapping.severities().entrySet().stream().filter(e -> values.contains(e.getKey().toLowerCase(java.util.Locale.ROOT)))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  /** First non-blank value of the lookups, on each alert, then on the common labels/annotations. */
  static String lookup(List<String> lookups, List<Alert> alerts, AlertWebhook webhook) {
    for (String lookup : lookups) {
      for (Alert alert : alerts) {
        String value = value(lookup, alert.labels(), alert.annotations());
        if (!blank(value)) {
          return value;
        }
      }
      if (webhook != null) {
        String value = value(lookup, webhook.commonLabels(), webhook.commonAnnotations());
        if (!blank(value)) {
          return value;
        }
      }
    }
    return null;
  }

  private static String value(String lookup, Map<String, String> labels, Map<String, String> annotations) {
    int dot = lookup.indexOf('.');
    String kind = dot < 0 ? "labels" : lookup.substring(0, dot);
    String name = lookup.substring(dot + 1);
    Map<String, String> source = kind.equals("annotations") ? annotations : labels;
    return source == null ? null : source.get(name);
  }

  private boolean isTrue(String value) {
    return value != null && properties.mapping().trueValues().stream().anyMatch(t -> t.equalsIgnoreCase(value.trim()));
  }

  static Date startedAt(List<Alert> alerts) {
    return alerts.stream().map(a -> instant(a.startsAt())).filter(Objects::nonNull).min(Comparator.naturalOrder())
        .map(Date::from).orElseGet(Date::new);
  }

  static String fingerprint(Alert alert) {
    if (!blank(alert.fingerprint())) {
      return alert.fingerprint();
    }
    return sha256(new TreeMap<>(alert.labels()).toString()).substring(0, 16);
  }

  /** An RFC 3339 time, or null when unknown ({@code 0001-01-01T00:00:00Z} or absent). */
  static Instant instant(String time) {
    if (blank(time)) {
      return null;
    }
    Instant instant = OffsetDateTime.parse(time).toInstant();
    return instant.equals(UNKNOWN_TIME) || instant.isBefore(Instant.parse("1970-01-01T00:00:00Z")) ? null : instant;
  }

  private static void parseTime(String time, String field) {
    try {
      OffsetDateTime.parse(time);
    } catch (DateTimeParseException e) {
      throw IntakeRejected.badRequest("'%s' is not an RFC 3339 time: '%s'".formatted(field, abbreviate(time)));
    }
  }

  private static void requireStatus(String status, String field) {
    if (status == null) {
      throw IntakeRejected.badRequest("missing field '" + field + "'");
    }
    if (!status.equals("firing") && !status.equals("resolved")) {
      throw IntakeRejected.badRequest("'%s' must be firing or resolved, not '%s'".formatted(field, abbreviate(status)));
    }
  }

  static String text(String value) {
    return value == null || value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT - 1) + "…";
  }

  private static String abbreviate(String value) {
    return value.length() <= 60 ? value : value.substring(0, 60) + "…";
  }

  static String firstNonBlank(String... values) {
    for (String v : values) {
      if (!blank(v)) {
        return v;
      }
    }
    return null;
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
