package org.incidentresponse.followup;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener {@code ${followUpTask}} on the follow-up's user tasks. On create it names the task after
 * its incident and action item, "Follow-up · INC-2026-0042 · Alert on certificate expiry", as Tasklist
 * cards name the SOP's tasks. On complete it checks what the owner chose (done needs an http(s) evidence
 * link, won't do a reason; the commander's rejection a comment) and records who completed it.
 */
@Component("followUpTask")
class FollowUpTask implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      String step = task.getBpmnModelElementInstance() != null ? task.getBpmnModelElementInstance().getName() : task.getName();
      String name = String.join(" · ", FollowUp.TASK_COMPLETE.equals(task.getTaskDefinitionKey()) ? "Follow-up" : step,
          String.valueOf(task.getVariable(FollowUp.INCIDENT_NUMBER)), String.valueOf(task.getVariable(FollowUp.TITLE)));
      task.setName(name.length() > 255 ? name.substring(0, 254) + "…" : name);
      task.setDescription("Action item (" + task.getVariable(FollowUp.TYPE) + ") of the post-incident review of "
          + task.getVariable(FollowUp.INCIDENT_NUMBER) + ", owner " + task.getVariable(FollowUp.OWNER) + ", due "
          + task.getVariable(FollowUp.DUE_DATE)
          + (task.getVariable(FollowUp.TICKET_URL) == null ? "" : "\nTicket: " + task.getVariable(FollowUp.TICKET_URL)));
      return;
    }
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      List<String> problems = FollowUp.TASK_COMPLETE.equals(task.getTaskDefinitionKey()) ? ownerProblems(task)
          : commanderProblems(task);
      if (!problems.isEmpty()) {
        throw new ProcessEngineException("The follow-up cannot be completed: " + String.join("; ", problems));
      }
      task.getExecution().setVariable(FollowUp.CLOSED_BY, task.getAssignee());
    }
  }

  private static List<String> ownerProblems(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    Object outcome = task.getVariable(FollowUp.OUTCOME);
    if (FollowUp.OUTCOME_DONE.equals(outcome)) {
      String link = text(task.getVariable(FollowUp.EVIDENCE_URL));
      if (link.isEmpty()) {
        problems.add("done needs a link to the evidence (the merged change, the new alert, the runbook)");
      } else if (!CheckActionItems.isHttpUrl(link)) {
        problems.add("the evidence link must be an http(s) URL");
      }
    } else if (FollowUp.OUTCOME_WONT_DO.equals(outcome)) {
      if (text(task.getVariable(FollowUp.REASON)).isEmpty()) {
        problems.add("won't do needs a reason for the incident commander");
      }
    } else {
      problems.add("choose done or won't do");
    }
    return problems;
  }

  private static List<String> commanderProblems(DelegateTask task) {
    Object decision = task.getVariable(FollowUp.WONT_DO_DECISION);
    if (!FollowUp.ACCEPT.equals(decision) && !FollowUp.REJECT.equals(decision)) {
      return List.of("accept or reject the won't do");
    }
    if (FollowUp.REJECT.equals(decision) && text(task.getVariable(FollowUp.WONT_DO_COMMENT)).isEmpty()) {
      return List.of("tell the owner why it must be done: a comment is needed to reject");
    }
    return List.of();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }
}
