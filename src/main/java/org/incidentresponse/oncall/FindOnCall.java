package org.incidentresponse.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.notification.UserDirectory;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Task_FindOnCall: who the escalation step that decision {@code escalation-step} chose pages now.
 * {@code policy} takes the team's catalog step for this page number (the policy walked again for each
 * repeat); any other value is a target itself. The on-call primary or secondary is looked up at this
 * moment, overrides included; with nobody on call for that role the whole team is paged, since a page
 * that reaches nobody would only waste the wait.
 */
@Component("findOnCall")
public class FindOnCall implements JavaDelegate {

  static final String POLICY = "policy";

  private static final Logger log = LoggerFactory.getLogger(FindOnCall.class);

  private final OnCall onCall;
  private final UserDirectory directory;
  private final AcknowledgeLinks links;

  public FindOnCall(OnCall onCall, UserDirectory directory, AcknowledgeLinks links) {
    this.onCall = onCall;
    this.directory = directory;
    this.links = links;
  }

  @Override
  public void execute(DelegateExecution execution) {
    IncidentVariables incident = IncidentVariables.of(execution);
    Optional<Team> team = Optional.ofNullable(incident.string(IncidentVariable.ON_CALL_TEAM))
        .flatMap(id -> onCall.catalog().team(id));
    int page = ((Number) incident.get(IncidentVariable.ESCALATION_STEP)).intValue();
    String notify = incident.string(IncidentVariable.ESCALATION_NOTIFY);
    String target = notify;
    Duration wait = incident.duration(IncidentVariable.ESCALATION_WAIT);
    if (POLICY.equals(notify)) {
      // The team may have left the catalog since routing (a reload): page its former group.
      Optional<EscalationStep> step = team.filter(t -> !t.escalation().isEmpty())
          .map(t -> t.escalation().get((page - 1) % t.escalation().size()));
      target = step.map(EscalationStep::target).orElse(EscalationStep.TEAM);
      if (wait == null) {
        wait = step.map(EscalationStep::waitFor).orElse(null);
      }
    }
    if (wait == null) {
      wait = incident.duration(IncidentVariable.ACK_TIMEOUT);
    }
    List<String> users = users(target, team, incident.string(IncidentVariable.TRIAGE_GROUP));
    log.info("Escalation page {} of incident {}: {} → {}", page, incident.incidentNumber(), target, users);
    incident.set(IncidentVariable.ESCALATION_TARGET, target)
        .set(IncidentVariable.ESCALATION_WAIT_FOR, wait.toString())
        .set(IncidentVariable.PAGED_USERS, String.join(",", users));
    // A link is bound to one person: a page to several people carries only the Tasklist link.
    Instant now = ClockUtil.getCurrentTime().toInstant();
    incident.set(IncidentVariable.ACKNOWLEDGE_URL, users.size() != 1 ? null
        : links.issue(execution.getProcessInstanceId(), users.get(0), now, now.plus(wait)));
  }

  private List<String> users(String target, Optional<Team> team, String triageGroup) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    String teamGroup = team.map(Team::group).orElse(triageGroup);
    if (EscalationStep.PRIMARY.equals(target) || EscalationStep.SECONDARY.equals(target)) {
      OnCallRole role = EscalationStep.PRIMARY.equals(target) ? OnCallRole.PRIMARY : OnCallRole.SECONDARY;
      return team.flatMap(t -> onCall.at(t, role, now)).map(shift -> List.of(shift.user()))
          .orElseGet(() -> members(teamGroup));
    }
    if (target.startsWith(EscalationStep.USER)) {
      return List.of(target.substring(EscalationStep.USER.length()));
    }
    if (target.startsWith(EscalationStep.GROUP)) {
      return members(target.substring(EscalationStep.GROUP.length()));
    }
    return members(teamGroup);
  }

  private List<String> members(String group) {
    return directory.memberIds(group);
  }
}
