package org.incidentresponse.sop;

/**
 * The names the code shares with the SOP files: the process, its messages and its decisions.
 * Steps are {@link SopActivity}, variables {@link IncidentVariable}, mails {@link NotificationTemplate}.
 * {@code SopContractTest} checks each of them against {@code bpmn/} and {@code forms/}, so a rename in
 * Modeler fails a test that names what broke.
 */
public final class Sop {

  /** The process id in {@code bpmn/incident-response.bpmn}; every incident is one instance of it. */
  public static final String PROCESS_KEY = "incident-response";

  /** Monitoring fired again for an open incident (event subprocess EventSubProcess_AlertReceived). */
  public static final String MESSAGE_ALERT_RECEIVED = "AlertReceived";

  /** Monitoring reports the alert resolved (event subprocess EventSubProcess_RecoveryReported). */
  public static final String MESSAGE_RECOVERY_REPORTED = "RecoveryReported";

  /** DMN decision: impact, urgency and customer impact → proposed severity. */
  public static final String DECISION_SEVERITY = "incident-severity";

  /** DMN decision: severity → priority, timeouts, cadence, targets, notified groups, review policy. */
  public static final String DECISION_POLICY = "severity-policy";

  /** DMN decision: the page number and the team's policy → the step to notify, or that paging stops. */
  public static final String DECISION_ESCALATION = "escalation-step";

  private Sop() {}
}
