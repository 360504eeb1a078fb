package org.incidentresponse.oncall;

import java.util.List;

/**
 * A team of the catalog.
 *
 * @param group the Camunda group of the team's members: the candidate group of their triage tasks
 * @param escalation the steps an unacknowledged page climbs, in order
 * @param repeat how many times the whole policy is walked before it is exhausted
 * @param stakeholders groups or users told about the team's incidents
 */
public record Team(String id, String name, String group, OnCallSchedule schedule, List<EscalationStep> escalation,
    int repeat, List<String> stakeholders) {}
