package org.incidentresponse.notification;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/** Process variables of an incident, as the process would have them when it notifies. */
final class IncidentVariables {

  static final String HOSTILE = "<script>alert(1)</script> \"quoted\" 'single' Zoë 🚨 ü";
  static final String SEV1_GROUPS = "responders,incident-commanders,communications,process-owners";
  static final String SEV3_GROUPS = "responders";

  private IncidentVariables() {
  }

  static Map<String, Object> sev1() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("incidentNumber", "INC-2026-0042");
    variables.put("title", "Checkout fails for " + HOSTILE);
    variables.put("description", "Payments time out. " + HOSTILE);
    variables.put("service", "checkout");
    variables.put("impact", "high");
    variables.put("urgency", "high");
    variables.put("customerImpact", false);
    variables.put("reporter", "responder");
    variables.put("reportedAt", Date.from(java.time.Instant.parse("2026-11-29T20:30:00Z")));
    variables.put("severity", "SEV1");
    variables.put("ackTimeout", "PT5M");
    variables.put("updateCadence", "PT30M");
    variables.put("notifyGroups", SEV1_GROUPS);
    variables.put("incidentCommander", "commander");
    variables.put("targetMitigationAt", "2026-11-29T21:30Z");
    variables.put("targetResolutionAt", "2026-11-30T00:30Z");
    variables.put("nextUpdateAt", "2026-11-29T21:00Z");
    variables.put("statusNote", "Rolling back release 42. " + HOSTILE);
    variables.put("runbookUrl", "https://runbooks.example.org/checkout");
    variables.put("generatorUrl", "https://alerts.example.org/graph?g0.expr=up%3D%3D0");
    variables.put("workaroundDescription", "Route payments via the backup provider. " + HOSTILE);
    variables.put("resolutionSummary", "Release 42 rolled back. " + HOSTILE);
    variables.put("rootCause", "Connection pool exhausted. " + HOSTILE);
    variables.put("followUpActions", "Add pool alert — responder\nLoad test releases — owner");
    variables.put("reviewDueAt", "2026-12-04T17:00Z");
    variables.put("recoveryReportedAt", Date.from(java.time.Instant.parse("2026-11-29T22:05:00Z")));
    variables.put("alertCount", 3);
    return variables;
  }

  static Map<String, Object> sev3() {
    Map<String, Object> variables = sev1();
    variables.put("severity", "SEV3");
    variables.put("notifyGroups", SEV3_GROUPS);
    variables.put("ackTimeout", "PT1H");
    return variables;
  }

  /** SEV4 has no update cadence, hence no next update. */
  static Map<String, Object> sev4() {
    Map<String, Object> variables = sev3();
    variables.put("severity", "SEV4");
    variables.put("updateCadence", null);
    variables.put("nextUpdateAt", null);
    return variables;
  }

  static Map<String, Object> withCustomers(Map<String, Object> variables, String externalContacts) {
    variables.put("customerImpact", true);
    variables.put("externalContacts", externalContacts);
    return variables;
  }
}
