package org.incidentresponse.sop;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The notifications the SOP sends: the value of the {@code template} input parameter of each
 * {@code sendNotification} step, the files {@code templates/notifications/<id>.html} and {@code .txt},
 * and the key of its subject and audience under {@code incident-response.notifications.templates}.
 */
public enum NotificationTemplate {
  PAGE("page"),
  INITIAL("initial"),
  TIMELINE("timeline"),
  UPDATE("update"),
  MITIGATED("mitigated"),
  RESOLVED("resolved"),
  CLOSED("closed"),
  ACKNOWLEDGEMENT_ESCALATION("acknowledgement-escalation"),
  TARGET_BREACH("target-breach"),
  REVIEW_OVERDUE("review-overdue"),
  RECOVERY_REPORTED("recovery-reported"),
  ESCALATION_EXHAUSTED("escalation-exhausted"),
  // The follow-up of a review's action item (org.incidentresponse.followup, followup/follow-up.bpmn).
  FOLLOW_UP_REMINDER("follow-up-reminder"),
  FOLLOW_UP_OVERDUE("follow-up-overdue");

  /** The notifications that count as a stakeholder update for the update cadence. */
  public static final Set<NotificationTemplate> STAKEHOLDER_UPDATES = Set.of(INITIAL, UPDATE);

  private final String id;

  NotificationTemplate(String id) {
    this.id = id;
  }

  /** The template name, e.g. {@code acknowledgement-escalation}. */
  public String id() {
    return id;
  }

  public static Optional<NotificationTemplate> byId(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(NotificationTemplate::id).toList();
  }
}
