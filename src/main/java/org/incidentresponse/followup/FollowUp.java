package org.incidentresponse.followup;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.incidentresponse.sop.ClasspathDeployment;
import org.incidentresponse.sop.IncidentVariable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The process {@code followup/follow-up.bpmn} ("Follow up an action item"): one instance per action item of a
 * post-incident review, started with the incident's number as business key when the review is completed.
 * Its contract (process key, steps, variables) and its deployment under a stable name with its forms, so
 * an unchanged diagram makes no new version. It is a process of its own, not a part of the incident's,
 * so that the incident closes after its review while its follow-ups stay open for weeks.
 */
@Component
public class FollowUp implements SmartInitializingSingleton {

  public static final String PROCESS_KEY = "follow-up";
  public static final String DEPLOYMENT_NAME = "follow-up";
  static final List<String> RESOURCES = List.of("followup/follow-up.bpmn", "followup/complete-follow-up.form",
      "followup/review-wont-do.form");

  /** The steps; each has one name: its BPMN id (and, for the service tasks, its bean). */
  public static final String START = "StartEvent_ActionItemAgreed";
  public static final String TASK_RECORD = "Task_RecordFollowUp";
  public static final String SUB_PROCESS_OPEN = "SubProcess_FollowUpOpen";
  public static final String TASK_COMPLETE = "Task_CompleteFollowUp";
  public static final String TASK_REVIEW_WONT_DO = "Task_ReviewWontDo";
  public static final String TIMER_REMINDER = "Timer_FollowUpReminder";
  public static final String TIMER_OVERDUE = "Timer_FollowUpOverdue";
  public static final String TASK_CHECK_OWNER_REMINDER = "Task_CheckOwnerBeforeReminder";
  public static final String TASK_CHECK_OWNER_OVERDUE = "Task_CheckOwnerBeforeEscalation";
  public static final String TASK_REMIND = "Task_RemindFollowUpOwner";
  public static final String TASK_ESCALATE = "Task_EscalateFollowUpOverdue";
  public static final String TASK_CLOSE = "Task_CloseFollowUp";
  public static final String END_DONE = "EndEvent_FollowUpDone";
  public static final String END_WONT_DO = "EndEvent_FollowUpWontDo";

  /** The review's variable: the action items, a JSON array (see {@link ActionItems}). */
  public static final String ACTION_ITEMS = IncidentVariable.ACTION_ITEMS.id();

  /** Copied from the incident when a follow-up starts. */
  public static final String INCIDENT_NUMBER = IncidentVariable.INCIDENT_NUMBER.id();
  public static final String INCIDENT_TITLE = IncidentVariable.TITLE.id();
  public static final String SEVERITY = IncidentVariable.SEVERITY.id();
  public static final String SERVICE = IncidentVariable.SERVICE.id();
  public static final String INCIDENT_COMMANDER = IncidentVariable.INCIDENT_COMMANDER.id();
  /** The action item. */
  public static final String INDEX = "followUpIndex";
  public static final String TITLE = "followUpTitle";
  public static final String TYPE = "followUpType";
  public static final String OWNER = "followUpOwner";
  public static final String DUE_DATE = "followUpDueDate";
  public static final String TICKET_URL = "followUpTicketUrl";
  /** Set by {@code Task_RecordFollowUp}: the end of the due date (UTC) and the reminder time as ISO instants, who works it. */
  public static final String DUE_AT = "followUpDueAt";
  public static final String REMIND_AT = "followUpRemindAt";
  public static final String ASSIGNEE = "followUpAssignee";
  /** Input parameter of {@code Task_RecordFollowUp}: how long before the due time the owner is reminded (ISO duration). */
  public static final String REMIND_BEFORE = "remindBefore";
  /** The owner's form ({@code complete-follow-up}). */
  public static final String OUTCOME = "followUpOutcome";
  public static final String EVIDENCE_URL = "followUpEvidenceUrl";
  public static final String NOTE = "followUpNote";
  public static final String REASON = "followUpReason";
  /** The commander's form ({@code review-wont-do}). */
  public static final String WONT_DO_DECISION = "wontDoDecision";
  public static final String ACCEPT = "accept";
  public static final String REJECT = "reject";
  public static final String WONT_DO_COMMENT = "wontDoComment";
  /** Who completed the last task of the follow-up (its assignee), for the closing record. */
  public static final String CLOSED_BY = "followUpClosedBy";

  public static final String OUTCOME_DONE = "done";
  public static final String OUTCOME_WONT_DO = "wont-do";

  private static final Logger log = LoggerFactory.getLogger(FollowUp.class);

  private final RepositoryService repositoryService;

  FollowUp(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Deployment deployment = ClasspathDeployment.deploy(repositoryService, DEPLOYMENT_NAME, PROCESS_KEY, RESOURCES);
    log.info("Follow-up deployment {}", deployment.getId());
  }
}
