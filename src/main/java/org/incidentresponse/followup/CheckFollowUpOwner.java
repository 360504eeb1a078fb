package org.incidentresponse.followup;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Steps {@code Task_CheckOwnerBeforeReminder} and {@code Task_CheckOwnerBeforeEscalation} (bean
 * {@code checkFollowUpOwner}): when the one working the follow-up is no longer a user, the open task goes
 * to the incident commander, who is then the one reminded.
 */
@Component("checkFollowUpOwner")
class CheckFollowUpOwner implements JavaDelegate {

  private final FollowUpOwner owners;
  private final FollowUpStore store;
  private final TaskService taskService;

  CheckFollowUpOwner(FollowUpOwner owners, FollowUpStore store, TaskService taskService) {
    this.owners = owners;
    this.store = store;
    this.taskService = taskService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String assignee = (String) execution.getVariable(FollowUp.ASSIGNEE);
    if (assignee != null && owners.exists(assignee)) {
      return;
    }
    String commander = (String) execution.getVariable(FollowUp.INCIDENT_COMMANDER);
    execution.setVariable(FollowUp.ASSIGNEE, commander);
    store.assign((String) execution.getVariable(FollowUp.INCIDENT_NUMBER),
        ((Number) execution.getVariable(FollowUp.INDEX)).intValue(), commander);
    for (Task task : taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(FollowUp.TASK_COMPLETE).list()) {
      taskService.setAssignee(task.getId(), commander);
    }
  }
}
