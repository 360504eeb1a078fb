package org.incidentresponse.oncall;

import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.IncidentVariables;
import org.springframework.stereotype.Component;

/**
 * Task_RouteToTeam: the incident's service picks its owning team in the catalog (the default team
 * for a service the catalog does not know). The team's group becomes triage's candidate group and
 * its policy the escalation that SubProcess_Triage walks; without a team, the responders group is
 * paged as before the catalog existed.
 */
@Component("routeToTeam")
public class RouteToTeam implements JavaDelegate {

  static final String DEFAULT_GROUP = "responders";

  private final OnCall onCall;

  public RouteToTeam(OnCall onCall) {
    this.onCall = onCall;
  }

  @Override
  public void execute(DelegateExecution execution) {
    IncidentVariables incident = IncidentVariables.of(execution);
    Optional<Team> team = onCall.teamOfService(incident.string(IncidentVariable.SERVICE));
    Instant now = ClockUtil.getCurrentTime().toInstant();
    incident.set(IncidentVariable.ON_CALL_TEAM, team.map(Team::id).orElse(null))
        .set(IncidentVariable.ON_CALL_TEAM_NAME, team.map(Team::name).orElse(null))
        .set(IncidentVariable.ON_CALL_PRIMARY,
            team.flatMap(t -> onCall.at(t, OnCallRole.PRIMARY, now)).map(Shift::user).orElse(null))
        .set(IncidentVariable.TRIAGE_GROUP, team.map(Team::group).orElse(DEFAULT_GROUP))
        .set(IncidentVariable.ESCALATION_POLICY_PAGES,
            team.map(t -> t.escalation().size() * (t.repeat() + 1)).orElse(0))
        .set(IncidentVariable.ESCALATION_STEP, 1);
  }
}
