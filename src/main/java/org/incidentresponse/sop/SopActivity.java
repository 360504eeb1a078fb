package org.incidentresponse.sop;

import java.util.Optional;

/**
 * The SOP's steps, timers and events that the code, the tests and the audit name, each under its
 * BPMN id in {@code bpmn/incident-response.bpmn}: the constant is spelled exactly as the id, so that
 * one step has one name everywhere (diagram, form, code, test). A step with a form names its
 * Camunda Form, {@code forms/<form>.form}.
 */
@SuppressWarnings("java:S115") // constants are spelled as the BPMN ids on purpose
public enum SopActivity {
  StartEvent_IncidentReported(Kind.START_EVENT, "report-incident"),
  Task_LogIncident(Kind.SERVICE_TASK),
  Task_ProposeSeverity(Kind.BUSINESS_RULE_TASK),
  Task_ApplySeverityPolicy(Kind.BUSINESS_RULE_TASK),
  Task_TriageIncident(Kind.USER_TASK, "triage-incident"),
  Timer_AcknowledgementTimeout(Kind.TIMER),
  Task_EscalateUnacknowledged(Kind.SERVICE_TASK),
  Task_ClassifyIncident(Kind.USER_TASK, "classify-incident"),
  Task_NotifyStakeholders(Kind.SERVICE_TASK),
  Task_AssignResponseTeam(Kind.USER_TASK, "assign-response-team"),
  Task_EstablishTimeline(Kind.USER_TASK, "establish-timeline"),
  Task_CommunicateTimeline(Kind.SERVICE_TASK),
  SubProcess_Response(Kind.SUB_PROCESS),
  Task_ApplyWorkaround(Kind.USER_TASK, "apply-workaround"),
  Task_NotifyMitigated(Kind.SERVICE_TASK),
  Task_ResolveIncident(Kind.USER_TASK, "resolve-incident"),
  Timer_StakeholderUpdateDue(Kind.TIMER),
  Task_SendStakeholderUpdate(Kind.SERVICE_TASK),
  Task_ProvideStatusUpdate(Kind.USER_TASK, "provide-status-update"),
  Timer_StatusNoteDue(Kind.TIMER),
  Timer_TargetResolutionBreached(Kind.TIMER),
  Task_EscalateTargetBreach(Kind.SERVICE_TASK),
  Task_NotifyResolved(Kind.SERVICE_TASK),
  Task_DecideReview(Kind.USER_TASK, "decide-review"),
  Task_ConductPostIncidentReview(Kind.USER_TASK, "conduct-post-incident-review"),
  Timer_ReviewOverdue(Kind.TIMER),
  Task_RemindReviewOverdue(Kind.SERVICE_TASK),
  Task_NotifyClosed(Kind.SERVICE_TASK),
  EventSubProcess_AlertReceived(Kind.EVENT_SUB_PROCESS),
  Task_RecordAlert(Kind.SERVICE_TASK),
  EventSubProcess_RecoveryReported(Kind.EVENT_SUB_PROCESS),
  Task_RecordRecovery(Kind.SERVICE_TASK),
  Task_NotifyRecoveryReported(Kind.SERVICE_TASK),
  // Routing and escalation (org.incidentresponse.oncall): the owning team's on-call person is paged, step by step.
  Task_RouteToTeam(Kind.SERVICE_TASK),
  SubProcess_Triage(Kind.SUB_PROCESS),
  Task_ChooseEscalationStep(Kind.BUSINESS_RULE_TASK),
  Task_FindOnCall(Kind.SERVICE_TASK),
  Task_PageOnCall(Kind.SERVICE_TASK),
  Task_NotifyPolicyExhausted(Kind.SERVICE_TASK);

  /** The BPMN element each constant stands for; the contract test checks it. */
  public enum Kind { START_EVENT, SERVICE_TASK, BUSINESS_RULE_TASK, USER_TASK, TIMER, SUB_PROCESS, EVENT_SUB_PROCESS }

  private final Kind kind;
  private final String form;

  SopActivity(Kind kind) {
    this(kind, null);
  }

  SopActivity(Kind kind, String form) {
    this.kind = kind;
    this.form = form;
  }

  /** The BPMN id, e.g. {@code Task_ClassifyIncident}. */
  public String id() {
    return name();
  }

  public Kind kind() {
    return kind;
  }

  /** The Camunda Form id ({@code classify-incident}, file {@code forms/classify-incident.form}), if the step has one. */
  public Optional<String> form() {
    return Optional.ofNullable(form);
  }

  /** The constant for a BPMN id, or empty for an element the code does not name (gateways, end events). */
  public static Optional<SopActivity> byId(String id) {
    for (SopActivity activity : values()) {
      if (activity.name().equals(id)) {
        return Optional.of(activity);
      }
    }
    return Optional.empty();
  }
}
