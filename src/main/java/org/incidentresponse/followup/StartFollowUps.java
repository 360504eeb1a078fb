package org.incidentresponse.followup;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.incidentresponse.followup.ActionItems.ActionItem;
import org.springframework.stereotype.Component;

/**
 * Task listener {@code ${startFollowUps}} on the completion of {@code Task_ConductPostIncidentReview},
 * after {@code ${checkActionItems}}: starts one {@code follow-up} process per action item, with the
 * incident's number as business key, in the review's own transaction: the review is completed with all
 * its follow-ups or not at all.
 */
@Component("startFollowUps")
class StartFollowUps implements TaskListener {

  private final RuntimeService runtimeService;

  StartFollowUps(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  @Override
  public void notify(DelegateTask task) {
    String number = text(task.getVariable(FollowUp.INCIDENT_NUMBER));
    if (number == null) {
      number = task.getExecution().getProcessBusinessKey();
    }
    for (ActionItem item : ActionItems.read(task.getVariable(FollowUp.ACTION_ITEMS))) {
      Map<String, Object> variables = new HashMap<>();
      variables.put(FollowUp.INCIDENT_NUMBER, number);
      variables.put(FollowUp.INCIDENT_TITLE, text(task.getVariable(FollowUp.INCIDENT_TITLE)));
      variables.put(FollowUp.SEVERITY, text(task.getVariable(FollowUp.SEVERITY)));
      variables.put(FollowUp.SERVICE, text(task.getVariable(FollowUp.SERVICE)));
      // The commander who completed the review answers for its follow-ups.
      String commander = task.getAssignee() != null ? task.getAssignee() : text(task.getVariable(FollowUp.INCIDENT_COMMANDER));
      variables.put(FollowUp.INCIDENT_COMMANDER, commander);
      variables.put(FollowUp.INDEX, item.index());
      variables.put(FollowUp.TITLE, item.title());
      variables.put(FollowUp.TYPE, item.type());
      variables.put(FollowUp.OWNER, item.owner());
      variables.put(FollowUp.DUE_DATE, item.dueDate());
      variables.put(FollowUp.TICKET_URL, item.ticketUrl().isEmpty() ? null : item.ticketUrl());
      runtimeService.startProcessInstanceByKey(FollowUp.PROCESS_KEY, number, variables);
    }
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
