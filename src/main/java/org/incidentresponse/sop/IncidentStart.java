package org.incidentresponse.sop;

import static org.incidentresponse.sop.IncidentVariable.CUSTOMER_IMPACT;
import static org.incidentresponse.sop.IncidentVariable.DASHBOARD_URL;
import static org.incidentresponse.sop.IncidentVariable.DESCRIPTION;
import static org.incidentresponse.sop.IncidentVariable.DRILL;
import static org.incidentresponse.sop.IncidentVariable.EXTERNAL_CONTACTS;
import static org.incidentresponse.sop.IncidentVariable.GENERATOR_URL;
import static org.incidentresponse.sop.IncidentVariable.IMPACT;
import static org.incidentresponse.sop.IncidentVariable.INCIDENT_NUMBER;
import static org.incidentresponse.sop.IncidentVariable.REPORTED_AT;
import static org.incidentresponse.sop.IncidentVariable.REPORTER;
import static org.incidentresponse.sop.IncidentVariable.RUNBOOK_URL;
import static org.incidentresponse.sop.IncidentVariable.SERVICE;
import static org.incidentresponse.sop.IncidentVariable.SOURCE;
import static org.incidentresponse.sop.IncidentVariable.TITLE;
import static org.incidentresponse.sop.IncidentVariable.URGENCY;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The start variables of an incident, built the same way by every way of opening one: the
 * monitoring webhooks, the JSON report, and (through {@link #completeDefaults}, which
 * Task_LogIncident applies) Tasklist's report form.
 */
public final class IncidentStart {

  /** The {@code source} of an incident reported in Tasklist's start form. */
  public static final String SOURCE_TASKLIST = "tasklist";

  /** Read by the severity decision and by every message and task name: present, possibly null, on every incident. */
  private static final List<IncidentVariable> ALWAYS_PRESENT = List.of(TITLE, SERVICE, IMPACT, URGENCY, REPORTER);

  private final Map<String, Object> variables = new HashMap<>();
  private final IncidentVariables incident = IncidentVariables.of(variables);

  private IncidentStart(String source) {
    incident.set(SOURCE, source);
  }

  /** An incident reported through {@code source}: {@code api}, {@code alertmanager}, {@code grafana}. */
  public static IncidentStart reportedVia(String source) {
    return new IncidentStart(source);
  }

  public IncidentStart number(String incidentNumber) {
    return set(INCIDENT_NUMBER, incidentNumber);
  }

  public IncidentStart title(String title) {
    return set(TITLE, title);
  }

  public IncidentStart description(String description) {
    return set(DESCRIPTION, description);
  }

  public IncidentStart service(String service) {
    return set(SERVICE, service);
  }

  /** The severity decision's inputs: {@code high}, {@code medium}, {@code low}, or null for unknown. */
  public IncidentStart impactAndUrgency(String impact, String urgency) {
    set(IMPACT, impact);
    return set(URGENCY, urgency);
  }

  public IncidentStart customerImpact(boolean customerImpact) {
    return set(CUSTOMER_IMPACT, customerImpact);
  }

  public IncidentStart externalContacts(String addresses) {
    return set(EXTERNAL_CONTACTS, addresses);
  }

  public IncidentStart reporter(String reporter) {
    return set(REPORTER, reporter);
  }

  public IncidentStart reportedAt(Date reportedAt) {
    return set(REPORTED_AT, reportedAt);
  }

  public IncidentStart links(String runbookUrl, String dashboardUrl, String generatorUrl) {
    set(RUNBOOK_URL, runbookUrl);
    set(DASHBOARD_URL, dashboardUrl);
    return set(GENERATOR_URL, generatorUrl);
  }

  public IncidentStart drill(boolean drill) {
    return set(DRILL, drill);
  }

  /** Any other variable the source knows, such as the alert that opened the incident. */
  public IncidentStart set(IncidentVariable variable, Object value) {
    incident.set(variable, value);
    return this;
  }

  /** The variables to start the process with, defaults included; a new map on each call. */
  public Map<String, Object> variables() {
    Map<String, Object> copy = new HashMap<>(variables);
    completeDefaults(IncidentVariables.of(copy));
    return copy;
  }

  /**
   * What every incident has from its first step, whoever opened it: the time it was reported (now,
   * engine time, unless the source knew better), its source, no customer impact and no drill unless
   * said, and the inputs later steps read.
   */
  public static void completeDefaults(IncidentVariables incident) {
    incident.setIfAbsent(REPORTED_AT, ClockUtil.getCurrentTime());
    incident.setIfAbsent(SOURCE, SOURCE_TASKLIST);
    incident.setIfAbsent(CUSTOMER_IMPACT, Boolean.FALSE);
    incident.setIfAbsent(DRILL, Boolean.FALSE);
    for (IncidentVariable variable : ALWAYS_PRESENT) {
      if (!incident.has(variable)) {
        incident.set(variable, null);
      }
    }
  }
}
