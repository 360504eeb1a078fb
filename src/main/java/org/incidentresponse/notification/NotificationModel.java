package org.incidentresponse.notification;

import static org.incidentresponse.sop.IncidentVariable.ACKNOWLEDGED_AT;
import static org.incidentresponse.sop.IncidentVariable.ACK_TIMEOUT;
import static org.incidentresponse.sop.IncidentVariable.DASHBOARD_URL;
import static org.incidentresponse.sop.IncidentVariable.ESCALATION_WAIT_FOR;
import static org.incidentresponse.sop.IncidentVariable.FOLLOW_UP_ACTIONS;
import static org.incidentresponse.sop.IncidentVariable.GENERATOR_URL;
import static org.incidentresponse.sop.IncidentVariable.LAST_ALERT_AT;
import static org.incidentresponse.sop.IncidentVariable.NEXT_UPDATE_AT;
import static org.incidentresponse.sop.IncidentVariable.RECOVERY_REPORTED_AT;
import static org.incidentresponse.sop.IncidentVariable.REPORTED_AT;
import static org.incidentresponse.sop.IncidentVariable.REVIEW_DUE_AT;
import static org.incidentresponse.sop.IncidentVariable.RUNBOOK_URL;
import static org.incidentresponse.sop.IncidentVariable.TARGET_MITIGATION;
import static org.incidentresponse.sop.IncidentVariable.TARGET_MITIGATION_AT;
import static org.incidentresponse.sop.IncidentVariable.TARGET_RESOLUTION;
import static org.incidentresponse.sop.IncidentVariable.TARGET_RESOLUTION_AT;
import static org.incidentresponse.sop.IncidentVariable.UPDATE_CADENCE;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;

/**
 * What the templates see: the process variables as they are, plus readable times, safe links and
 * the {@code external} flag.
 *
 * <p>Templates read raw variables such as {@code ${title}} directly; everything that needs a rule
 * (time formatting, which links may be shown) is prepared here, so the templates stay free of logic.
 */
final class NotificationModel {

  /** Variables holding a moment (a {@link Date} or an ISO date-time string), shown readably as {@code when.<name>}. */
  private static final List<IncidentVariable> MOMENTS = List.of(REPORTED_AT, ACKNOWLEDGED_AT, TARGET_MITIGATION_AT,
      TARGET_RESOLUTION_AT, NEXT_UPDATE_AT, REVIEW_DUE_AT, LAST_ALERT_AT, RECOVERY_REPORTED_AT);

  /** Variables holding an ISO duration (policy), shown readably as {@code durations.<name>}, e.g. "5 min". */
  private static final List<IncidentVariable> DURATIONS = List.of(ACK_TIMEOUT, UPDATE_CADENCE, TARGET_MITIGATION,
      TARGET_RESOLUTION, ESCALATION_WAIT_FOR);

  /** Links typed by people or sent by alerting; only http(s) ones are shown (no javascript: or file: links). */
  private static final List<IncidentVariable> LINKS = List.of(GENERATOR_URL, RUNBOOK_URL, DASHBOARD_URL);

  private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final Map<String, Object> variables;

  private NotificationModel(Map<String, Object> variables) {
    this.variables = variables;
  }

  /**
   * @param processVariables the incident's variables as the process sees them
   * @param processInstanceId for the Cockpit link
   * @param appUrl base URL of the Camunda webapps, without trailing slash
   */
  static NotificationModel of(Map<String, Object> processVariables, String processInstanceId, String appUrl) {
    Map<String, Object> variables = new HashMap<>(processVariables);
    for (IncidentVariable link : LINKS) {
      variables.put(link.id(), httpLinkOrNull(variables.get(link.id())));
    }
    Map<String, String> when = new HashMap<>();
    for (IncidentVariable moment : MOMENTS) {
      when.put(moment.id(), readable(variables.get(moment.id())));
    }
    variables.put("when", when);
    Map<String, String> durations = new HashMap<>();
    for (IncidentVariable duration : DURATIONS) {
      durations.put(duration.id(), readableDuration(variables.get(duration.id())));
    }
    // A page names the wait of its escalation step (the catalog's policy), not the severity's default.
    durations.put("pageWait", durations.get(ESCALATION_WAIT_FOR.id()) != null ? durations.get(ESCALATION_WAIT_FOR.id())
        : durations.get(ACK_TIMEOUT.id()));
    variables.put("durations", durations);
    variables.put("followUpActionList", lines(variables.get(FOLLOW_UP_ACTIONS.id())));
    variables.put("actionItemList", actionItems(variables));
    variables.put("tasklistUrl", appUrl + "/app/tasklist/default/");
    variables.put("cockpitUrl", processInstanceId == null ? null
        : appUrl + "/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime");
    return new NotificationModel(variables);
  }

  /** The template variables for internal recipients ({@code external = false}) or customers. */
  Map<String, Object> forAudience(boolean external) {
    Map<String, Object> forAudience = new HashMap<>(variables);
    forAudience.put("external", external);
    return forAudience;
  }

  boolean isDrill() {
    return IncidentVariables.of(variables).drill();
  }

  /** "2026-11-29 21:30 UTC"; an unparsable string is shown as typed rather than dropped. */
  static String readable(Object moment) {
    if (moment instanceof Date date) {
      return READABLE.format(date.toInstant());
    }
    if (moment instanceof String text && !text.isBlank()) {
      try {
        return READABLE.format(OffsetDateTime.parse(text.strip()));
      } catch (DateTimeException notOffsetDateTime) {
        try {
          return READABLE.format(Instant.parse(text.strip()));
        } catch (DateTimeException notInstant) {
          return text;
        }
      }
    }
    return null;
  }

  /** "1 h 30 min" for PT1H30M; anything Duration cannot read (P1W) is shown as written. */
  static String readableDuration(Object isoDuration) {
    if (!(isoDuration instanceof String text) || text.isBlank()) {
      return null;
    }
    try {
      Duration duration = Duration.parse(text.strip());
      StringBuilder readable = new StringBuilder();
      append(readable, duration.toDaysPart(), duration.toDaysPart() == 1 ? "day" : "days");
      append(readable, duration.toHoursPart(), "h");
      append(readable, duration.toMinutesPart(), "min");
      append(readable, duration.toSecondsPart(), "s");
      return readable.isEmpty() ? "0 min" : readable.toString();
    } catch (DateTimeException notADuration) {
      return text;
    }
  }

  private static void append(StringBuilder readable, long amount, String unit) {
    if (amount != 0) {
      readable.append(readable.isEmpty() ? "" : " ").append(amount).append(' ').append(unit);
    }
  }

  private static String httpLinkOrNull(Object link) {
    if (link instanceof String url) {
      String trimmed = url.strip();
      String lower = trimmed.toLowerCase(Locale.ROOT);
      if (lower.startsWith("https://") || lower.startsWith("http://")) {
        return trimmed;
      }
    }
    return null;
  }

  /** The review's action items, one line each: {@code title — owner — due 2026-12-15}; older reviews' free text by line. */
  private static List<String> actionItems(Map<String, Object> variables) {
    try {
      List<org.incidentresponse.sop.ActionItem> items =
          org.incidentresponse.sop.ActionItem.listOf(variables.get(org.incidentresponse.sop.IncidentVariable.ACTION_ITEMS.id()));
      if (!items.isEmpty()) {
        return items.stream().map(i -> String.join(" — ", java.util.stream.Stream.of(i.title(), i.owner(),
            i.dueDate() == null ? null : "due " + i.dueDate()).filter(java.util.Objects::nonNull).toList())).toList();
      }
    } catch (IllegalArgumentException e) {
      // not JSON: nothing to list
    }
    return lines(variables.get(org.incidentresponse.sop.IncidentVariable.REVIEW_ACTION_ITEMS.id()));
  }

  private static List<String> lines(Object text) {
    if (!(text instanceof String string)) {
      return List.of();
    }
    return Arrays.stream(string.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
  }
}
