package org.incidentresponse.review;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.incidentresponse.audit.IncidentHistory;
import org.incidentresponse.audit.KeyTimes;
import org.incidentresponse.sop.ActionItem;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.SopActivity;

/**
 * A completed post-incident review as the commander submitted it, with the incident's key times: what
 * the Markdown and HTML exports show. Read from the history; older reviews (free text) keep their
 * lessons learned and action items text.
 *
 * @param reviewedBy who completed Task_ConductPostIncidentReview
 * @param timeline the review's timeline text, one moment per line
 * @param legacyLessonsLearned a free-text review's lessons learned, else null
 * @param legacyActionItems a free-text review's action items, else null
 */
public record PostIncidentReview(String number, String title, String service, String severity, boolean drill,
    String incidentCommander, String reviewedBy, Instant reviewedAt, Instant reviewDueAt, KeyTimes times,
    String summary, String impactDuration, String affected, String trigger, String rootCause, String detection,
    String detectionDetails, String resolution, String timeline, String wentWell, String wentWrong, String lucky,
    List<ActionItem> actionItems, String legacyLessonsLearned, String legacyActionItems) {

  /** The review of this incident, if Task_ConductPostIncidentReview was completed. */
  public static Optional<PostIncidentReview> of(IncidentHistory h) {
    return h.completed(SopActivity.Task_ConductPostIncidentReview).map(step -> new PostIncidentReview(
        h.incidentNumber(), h.string(IncidentVariable.TITLE), h.string(IncidentVariable.SERVICE),
        h.string(IncidentVariable.SEVERITY), h.drill(), h.string(IncidentVariable.INCIDENT_COMMANDER),
        step.completedBy(), step.end(), h.instant(IncidentVariable.REVIEW_DUE_AT), KeyTimes.of(h),
        h.string(IncidentVariable.REVIEW_SUMMARY), h.string(IncidentVariable.REVIEW_IMPACT_DURATION),
        h.string(IncidentVariable.REVIEW_AFFECTED), h.string(IncidentVariable.REVIEW_TRIGGER),
        h.string(IncidentVariable.REVIEW_ROOT_CAUSE), h.string(IncidentVariable.REVIEW_DETECTION),
        h.string(IncidentVariable.REVIEW_DETECTION_DETAILS), h.string(IncidentVariable.REVIEW_RESOLUTION),
        h.string(IncidentVariable.REVIEW_TIMELINE), h.string(IncidentVariable.REVIEW_WENT_WELL),
        h.string(IncidentVariable.REVIEW_WENT_BADLY), h.string(IncidentVariable.REVIEW_LUCKY),
        actionItems(h), h.string(IncidentVariable.REVIEW_LESSONS_LEARNED), h.string(IncidentVariable.REVIEW_ACTION_ITEMS)));
  }

  private static List<ActionItem> actionItems(IncidentHistory h) {
    try {
      return ActionItem.listOf(h.variable(IncidentVariable.ACTION_ITEMS));
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }
}
