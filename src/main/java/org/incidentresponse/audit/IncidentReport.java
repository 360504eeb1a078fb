package org.incidentresponse.audit;

import java.time.Instant;
import java.util.List;
import org.incidentresponse.followup.FollowUps;

/** What the audit says about one incident: the same data for the Cockpit page and the REST report. */
public record IncidentReport(Summary incident, List<TimelineEntry> timeline, List<ChecklistItem> checklist,
    List<Breach> breaches, List<SopAcknowledgement> acknowledgements, List<FollowUps.FollowUpItem> followUps,
    String statusText) {

  /** Without follow-ups: the status alone. */
  public IncidentReport(Summary incident, List<TimelineEntry> timeline, List<ChecklistItem> checklist,
      List<Breach> breaches, List<SopAcknowledgement> acknowledgements) {
    this(incident, timeline, checklist, breaches, acknowledgements, List.of(), incident.status());
  }

  /**
   * Whether a person who worked on the incident had acknowledged an SOP version it ran on.
   *
   * @param status acknowledged, pending (asked, not yet answered right) or not-asked (no task for that version)
   */
  public record SopAcknowledgement(String userId, int version, String status, Instant acknowledgedAt) {}

  /**
   * @param status "open" or "closed"
   * @param state Camunda's state: ACTIVE, COMPLETED, EXTERNALLY_TERMINATED ...
   * @param drill a drill or test incident: marked everywhere, never in the metrics
   * @param sopVersions every SOP version the incident ran on, in order: more than one when it was migrated
   */
  public record Summary(String number, String title, String service, String severity, String proposedSeverity,
      String status, String state, boolean drill, String reporter, String source, Instant reportedAt,
      Instant acknowledgedAt, String acknowledgedBy, Instant mitigatedAt, Instant resolvedAt, Instant closedAt,
      String incidentCommander, String rootCause, int sopVersion, String sopVersionTag, String processInstanceId,
      int checklistDone, int checklistTotal, int breachCount, List<Integer> sopVersions) {}

  /**
   * @param kind a {@link Timeline.Kind}: sop-version, step, timer, event, severity, notification, alert, recovery,
   *     status-note, user-operation, sop-migration
   * @param end for steps: when they ended
   * @param actor who did it (user id), when known
   */
  public record TimelineEntry(Instant time, Instant end, String kind, String title, String detail, String actor) {}

  /**
   * @param key a {@link Checklist.Item}'s key
   * @param status a {@link Checklist.Status}: done, not-needed, not-required, missing (closed incident) or
   *     pending (still open)
   */
  public record ChecklistItem(int number, String key, String label, String status, String by, Instant at,
      String evidence) {

    public boolean satisfied() {
      return Checklist.Status.byId(status).map(Checklist.Status::satisfied).orElse(false);
    }
  }

  /**
   * @param kind a {@link Breaches.Kind}: acknowledgement-late, update-gap, target-resolution-missed, review-late,
   *     review-skipped, follow-up-overdue, review-without-actions
   */
  public record Breach(String kind, String description, Instant expectedBy, Instant actual) {}
}
