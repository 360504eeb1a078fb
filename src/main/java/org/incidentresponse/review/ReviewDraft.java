package org.incidentresponse.review;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentresponse.audit.IncidentHistory;
import org.incidentresponse.audit.IncidentReport.TimelineEntry;
import org.incidentresponse.audit.KeyTimes;
import org.incidentresponse.audit.Timeline;
import org.incidentresponse.audit.Wording;
import org.incidentresponse.sop.IncidentVariable;

/**
 * What the post-incident review form starts from, computed from the incident's history: the key
 * times and their durations ({@link KeyTimes}), the timeline's moments worth reviewing (from the
 * audit's {@link Timeline}), how it was detected, the root cause and fix entered at resolution.
 * Pure: the values are form field keys ({@link IncidentVariable}) to their text.
 */
public final class ReviewDraft {

  /** Camunda keeps String variables in varchar(4000): the pre-filled timeline stays below. */
  static final int TIMELINE_LIMIT = 3800;

  /** Sources that are monitoring rather than a person (intake.AlertWebhookController's). */
  private static final Set<String> MONITORING = Set.of("alertmanager", "grafana");

  /** Timeline kinds a review retells; notifications, deliveries and clicks stay in the audit report. */
  private static final Set<String> KINDS = Set.of(Timeline.Kind.SEVERITY.id(), Timeline.Kind.STATUS_NOTE.id(),
      Timeline.Kind.ALERT.id(), Timeline.Kind.RECOVERY.id(), Timeline.Kind.SOP_MIGRATION.id());

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private ReviewDraft() {}

  /** Field key → pre-filled text, in the form's order; only the fields the history can say something about. */
  public static Map<String, String> of(IncidentHistory h) {
    KeyTimes times = KeyTimes.of(h);
    Map<String, String> draft = new LinkedHashMap<>();
    draft.put(IncidentVariable.REVIEW_TIME_TO_ACKNOWLEDGE.id(), span(times.reportedAt(), times.acknowledgedAt()));
    draft.put(IncidentVariable.REVIEW_TIME_TO_MITIGATE.id(), span(times.reportedAt(), times.mitigatedAt()));
    draft.put(IncidentVariable.REVIEW_TIME_TO_RESOLVE.id(), span(times.reportedAt(), times.resolvedAt()));
    draft.put(IncidentVariable.REVIEW_IMPACT_DURATION.id(), span(times.reportedAt(), times.mitigatedAt()));
    draft.put(IncidentVariable.REVIEW_AFFECTED.id(), affected(h));
    draft.put(IncidentVariable.REVIEW_ROOT_CAUSE.id(), h.string(IncidentVariable.ROOT_CAUSE));
    draft.put(IncidentVariable.REVIEW_DETECTION.id(), detection(h));
    draft.put(IncidentVariable.REVIEW_DETECTION_DETAILS.id(), detectionDetails(h, times));
    draft.put(IncidentVariable.REVIEW_RESOLUTION.id(), resolution(h));
    draft.put(IncidentVariable.REVIEW_TIMELINE.id(), timeline(h, times));
    draft.values().removeIf(v -> v == null || v.isBlank());
    return draft;
  }

  /** {@code 4 min}, {@code 1 h 5 min}; {@code —} when a moment has not come. */
  static String span(Instant from, Instant to) {
    return from == null || to == null ? "—" : Wording.span(Duration.between(from, to));
  }

  static String detection(IncidentHistory h) {
    String source = h.string(IncidentVariable.SOURCE);
    return source != null && MONITORING.contains(source) ? "monitoring" : "person";
  }

  private static String affected(IncidentHistory h) {
    String service = h.string(IncidentVariable.SERVICE);
    boolean customers = h.isTrue(IncidentVariable.CUSTOMER_IMPACT);
    return "Service " + Wording.orDash(service) + "; " + (customers
        ? "customers were affected (reported as customer-facing)" : "not reported as customer-facing")
        + ". Who and how many: ";
  }

  private static String detectionDetails(IncidentHistory h, KeyTimes times) {
    String reported = "Reported " + time(times.reportedAt()) + by(h.string(IncidentVariable.REPORTER))
        + " via " + Wording.orDash(h.string(IncidentVariable.SOURCE));
    String acknowledged = times.acknowledgedAt() == null ? "" : "; acknowledged " + time(times.acknowledgedAt())
        + by(h.string(IncidentVariable.ACKNOWLEDGED_BY)) + ", "
        + span(times.reportedAt(), times.acknowledgedAt()) + " after the report";
    return reported + acknowledged + ".";
  }

  private static String resolution(IncidentHistory h) {
    List<String> parts = new ArrayList<>();
    String workaround = h.string(IncidentVariable.WORKAROUND_DESCRIPTION);
    if (workaround != null && !workaround.isBlank()) {
      parts.add("Workaround: " + workaround);
    }
    String summary = h.string(IncidentVariable.RESOLUTION_SUMMARY);
    if (summary != null && !summary.isBlank()) {
      parts.add("Resolution: " + summary);
    }
    return String.join("\n", parts);
  }

  /**
   * One moment per line: the report and the acknowledgement, the severity's changes, status notes,
   * alerts and recoveries from the audit's timeline, and each completed user task (classification,
   * team, timeline, updates, workaround, resolution) at its completion. Cut at {@link #TIMELINE_LIMIT}.
   */
  static String timeline(IncidentHistory h, KeyTimes times) {
    record Moment(Instant time, String text) {}
    List<Moment> moments = new ArrayList<>();
    if (times.reportedAt() != null) {
      moments.add(new Moment(times.reportedAt(), "Reported" + by(h.string(IncidentVariable.REPORTER))
          + " via " + Wording.orDash(h.string(IncidentVariable.SOURCE)) + ": " + Wording.orDash(h.string(IncidentVariable.TITLE))));
    }
    if (times.acknowledgedAt() != null) {
      moments.add(new Moment(times.acknowledgedAt(), "Acknowledged" + by(h.string(IncidentVariable.ACKNOWLEDGED_BY))));
    }
    for (TimelineEntry e : Timeline.of(h)) {
      if (e.time() == null) {
        continue;
      }
      if (KINDS.contains(e.kind())) {
        moments.add(new Moment(e.time(), e.title() + (e.detail() == null ? "" : ": " + e.detail())
            + (e.actor() == null || Timeline.Kind.STATUS_NOTE.id().equals(e.kind()) && e.detail() == null ? "" : by(e.actor()))));
      } else if (Timeline.Kind.STEP.id().equals(e.kind()) && e.end() != null && e.detail() != null
          && e.detail().startsWith("completed by")) {
        moments.add(new Moment(e.end(), e.title() + " " + e.detail()));
      }
    }
    moments.sort(Comparator.comparing(Moment::time));
    StringBuilder text = new StringBuilder();
    int left = moments.size();
    for (Moment m : moments) {
      String line = time(m.time()) + " — " + m.text().replace('\n', ' ').replace('\r', ' ');
      if (text.length() + line.length() + 1 > TIMELINE_LIMIT - 80) {
        text.append("… ").append(left).append(" more moments in the incident's audit report\n");
        break;
      }
      text.append(line).append('\n');
      left--;
    }
    return text.toString().stripTrailing();
  }

  private static String by(String user) {
    return user == null || user.isBlank() ? "" : " by " + user;
  }

  static String time(Instant instant) {
    return instant == null ? "—" : MINUTE.format(instant);
  }
}
