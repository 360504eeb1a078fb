package org.incidentresponse.sop;

import static org.incidentresponse.sop.IncidentVariable.Where.BPMN;
import static org.incidentresponse.sop.IncidentVariable.Where.DMN;
import static org.incidentresponse.sop.IncidentVariable.Where.FORM;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The incident's process variables, by the name that {@code bpmn/}, {@code forms/}, the DMN and
 * the mail templates use. Each constant says where the SOP files use it; {@code SopContractTest}
 * checks that they still do, so renaming a form field or a decision output in Modeler fails a test
 * that names the variable. Read and write them through {@link IncidentVariables}.
 */
public enum IncidentVariable {
  // Identify and log: Tasklist's report form, the intake, Task_LogIncident.
  INCIDENT_NUMBER("incidentNumber"),
  TITLE("title", FORM),
  DESCRIPTION("description", FORM),
  SERVICE("service", FORM),
  IMPACT("impact", FORM, DMN),
  URGENCY("urgency", FORM, DMN),
  CUSTOMER_IMPACT("customerImpact", FORM, DMN),
  EXTERNAL_CONTACTS("externalContacts", FORM),
  DRILL("drill", FORM),
  RUNBOOK_URL("runbookUrl", FORM),
  DASHBOARD_URL("dashboardUrl"),
  GENERATOR_URL("generatorUrl"),
  REPORTER("reporter", BPMN),
  SOURCE("source"),
  REPORTED_AT("reportedAt", BPMN),

  // Monitoring on an open incident.
  ALERT_DEDUP_KEY("alertDedupKey"),
  ALERT_COUNT("alertCount"),
  ALERTS_TRUNCATED("alertsTruncated"),
  LAST_ALERT("lastAlert"),
  LAST_ALERT_AT("lastAlertAt"),
  /** Local to Task_RecordAlert / Task_RecordRecovery: one history entry per alert notification. */
  ALERT("alert"),
  RECOVERY_REPORTED_AT("recoveryReportedAt"),

  // Triage and classification.
  TRIAGE_NOTES("triageNotes", FORM),
  ACKNOWLEDGED_BY("acknowledgedBy", BPMN),
  ACKNOWLEDGED_AT("acknowledgedAt"),
  PROPOSED_SEVERITY("proposedSeverity", BPMN),
  SEVERITY("severity", FORM, DMN, BPMN),
  SEVERITY_OVERRIDE_REASON("severityOverrideReason", FORM),
  SEVERITY_CONFIRMED("severityConfirmed", BPMN),
  SEVERITY_OVERRIDDEN("severityOverridden"),
  SEVERITY_DECIDED_BY("severityDecidedBy"),
  // The public status page (org.incidentresponse.statuspage): the commander's decision at classification.
  PUBLIC_INCIDENT("publicIncident", FORM),
  PUBLIC_TITLE("publicTitle", FORM),
  PUBLIC_IMPACT("publicImpact", FORM),
  /** The component ids the public incident affects: the classify form's checklist, pre-set from the service. */
  PUBLIC_COMPONENTS("publicComponents", FORM),
  /** The checklist's choices ({label, value} per configured status page component): its valuesKey. */
  STATUS_COMPONENTS("statusComponents", FORM),

  // The severity policy (decision severity-policy), mapped onto the incident.
  PRIORITY("priority", DMN, BPMN),
  ACK_TIMEOUT("ackTimeout", DMN, BPMN),
  UPDATE_CADENCE("updateCadence", DMN, BPMN),
  TARGET_MITIGATION("targetMitigation", DMN, BPMN),
  TARGET_RESOLUTION("targetResolution", DMN, BPMN),
  NOTIFY_GROUPS("notifyGroups", DMN, BPMN),
  REVIEW_POLICY("reviewPolicy", DMN, BPMN),
  REVIEW_DUE_DAYS("reviewDueDays", DMN, BPMN),
  REVIEW_DUE_BUSINESS_DAYS("reviewDueBusinessDays", DMN, BPMN),
  DEFAULT_PUBLIC_IMPACT("defaultPublicImpact", DMN, BPMN),

  // Team and timeline.
  INCIDENT_COMMANDER("incidentCommander", FORM, BPMN),
  RESPONSE_TEAM("responseTeam", FORM),
  COMMUNICATIONS_LEAD("communicationsLead", FORM),
  TARGET_MITIGATION_AT("targetMitigationAt", FORM, BPMN),
  TARGET_RESOLUTION_AT("targetResolutionAt", FORM, BPMN),
  WORKAROUND_NEEDED("workaroundNeeded", FORM, BPMN),
  NEXT_UPDATE_AT("nextUpdateAt", BPMN),
  STATUS_NOTE("statusNote", FORM),
  // The public part of a stakeholder update, written by communications.
  PUBLIC_STATE("publicState", FORM),
  PUBLIC_MESSAGE("publicMessage", FORM),

  // Resolution and review.
  WORKAROUND_DESCRIPTION("workaroundDescription", FORM),
  ROOT_CAUSE("rootCause", FORM),
  RESOLUTION_SUMMARY("resolutionSummary", FORM),
  FOLLOW_UP_ACTIONS("followUpActions", FORM),
  REVIEW_WANTED("reviewWanted", FORM, BPMN),
  REVIEW_DECISION_REASON("reviewDecisionReason", FORM),
  REVIEW_DUE_AT("reviewDueAt", BPMN),
  // The post-incident review (forms/conduct-post-incident-review.form), Google SRE postmortem sections.
  // Pre-filled by review.PrefillReview when the task is created, then edited by the commander.
  REVIEW_SUMMARY("reviewSummary", FORM),
  /** How long customers were affected: pre-filled as the span from the report to mitigation ("1 h 5 min"). */
  REVIEW_IMPACT_DURATION("reviewImpactDuration", FORM),
  /** Who was affected and how many. */
  REVIEW_AFFECTED("reviewAffected", FORM),
  REVIEW_TRIGGER("reviewTrigger", FORM),
  /** The root causes: pre-filled from {@link #ROOT_CAUSE}. */
  REVIEW_ROOT_CAUSE("reviewRootCause", FORM),
  /** monitoring, person or customer: pre-filled from the incident's {@link #SOURCE}. */
  REVIEW_DETECTION("reviewDetection", FORM),
  REVIEW_DETECTION_DETAILS("reviewDetectionDetails", FORM),
  /** What mitigated and fixed it: pre-filled from the workaround and {@link #RESOLUTION_SUMMARY}. */
  REVIEW_RESOLUTION("reviewResolution", FORM),
  /** One moment per line, pre-filled from the audit's timeline. */
  REVIEW_TIMELINE("reviewTimeline", FORM),
  REVIEW_WENT_WELL("reviewWentWell", FORM),
  /** What went wrong. */
  REVIEW_WENT_BADLY("reviewWentBadly", FORM),
  REVIEW_LUCKY("reviewLucky", FORM),
  /** Durations shown on the review form (pre-filled, read only): "4 min", "1 h 5 min", or "—". */
  REVIEW_TIME_TO_ACKNOWLEDGE("reviewTimeToAcknowledge"),
  REVIEW_TIME_TO_MITIGATE("reviewTimeToMitigate"),
  REVIEW_TIME_TO_RESOLVE("reviewTimeToResolve"),
  /**
   * The review's action items: a Camunda {@code Json} variable holding an array of
   * {@code {title, type, owner, dueDate, ticketUrl}} ({@link ActionItem}). The review form submits its
   * rows as an object {@code {item1: {...}, item2: {...}}}, which {@code ${collectActionItemRows}} turns
   * into the array on completion; the API may give the array directly.
   */
  ACTION_ITEMS("actionItems", FORM),
  /** Free text of reviews completed before the structured review; read for the audit of older incidents. */
  REVIEW_LESSONS_LEARNED("reviewLessonsLearned"),
  /** Free text of reviews completed before the structured review ({@link #ACTION_ITEMS} since). */
  REVIEW_ACTION_ITEMS("reviewActionItems"),

  // Notifications.
  /** Local to each notifying step: its {@link NotificationRecord}. */
  NOTIFICATION("notification"),
  NOTIFIED_RECIPIENTS("notifiedRecipients"),
  /** Input parameter of each {@code sendNotification} step: a {@link NotificationTemplate} id. */
  TEMPLATE("template", BPMN),

  // Routing and escalation (Task_RouteToTeam, SubProcess_Triage).
  /** The owning team's catalog id; absent when no team owns the service (the responders group is paged). */
  ON_CALL_TEAM("onCallTeam"),
  ON_CALL_TEAM_NAME("onCallTeamName"),
  /** The team's primary on call when the incident was routed. */
  ON_CALL_PRIMARY("onCallPrimary"),
  /** Candidate group of Task_TriageIncident: the team's group, or responders. */
  TRIAGE_GROUP("triageGroup", BPMN),
  /** How many pages the team's policy makes (steps × (repeat + 1)); 0 without a team policy. */
  ESCALATION_POLICY_PAGES("escalationPolicyPages", DMN),
  /** The page number, 1 for the first page; counted up each time a step's wait passes unacknowledged. */
  ESCALATION_STEP("escalationStep", DMN, BPMN),
  ESCALATION_NOTIFY("escalationNotify", DMN, BPMN),
  ESCALATION_WAIT("escalationWait", DMN, BPMN),
  /** What the current step notifies: on-call-primary, on-call-secondary, team, group:ID or user:ID. */
  ESCALATION_TARGET("escalationTarget"),
  /** The current step's wait (ISO duration), the acknowledgement timer's. */
  ESCALATION_WAIT_FOR("escalationWaitFor", BPMN),
  /** The user ids the current step pages, comma-separated; audience {@code paged}. */
  PAGED_USERS("pagedUsers"),
  /** The signed one-time Acknowledge link of the current page, when it pages one person; null otherwise. */
  ACKNOWLEDGE_URL("acknowledgeUrl");

  /** Where the SOP files use a variable: a form field key, a decision input or output, a BPMN expression. */
  public enum Where { FORM, DMN, BPMN }

  private final String id;
  private final Set<Where> usedIn;

  IncidentVariable(String id, Where... usedIn) {
    this.id = id;
    this.usedIn = usedIn.length == 0 ? EnumSet.noneOf(Where.class) : EnumSet.copyOf(Arrays.asList(usedIn));
  }

  /** The variable name, e.g. {@code incidentNumber}. */
  public String id() {
    return id;
  }

  /** Where the SOP files use it; empty when only the code reads and writes it. */
  public Set<Where> usedIn() {
    return Set.copyOf(usedIn);
  }

  public static Optional<IncidentVariable> byId(String id) {
    return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
  }
}
