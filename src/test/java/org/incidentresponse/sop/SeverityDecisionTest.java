package org.incidentresponse.sop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bpmn/incident-severity.dmn, row by row, as process owners read it in Modeler. */
class SeverityDecisionTest {

  private static DmnEngine dmn;
  private static Map<String, DmnDecision> decisions;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("bpmn/incident-severity.dmn")) {
      List<DmnDecision> parsed = dmn.parseDecisions(in);
      decisions = new HashMap<>();
      parsed.forEach(decision -> decisions.put(decision.getKey(), decision));
    }
  }

  @ParameterizedTest(name = "impact {0}, urgency {1}, customers {2} -> {3}")
  @CsvSource(nullValues = "null", value = {
      "high,   high,   false, SEV1",
      "high,   high,   true,  SEV1",
      "high,   medium, true,  SEV1",
      "high,   medium, false, SEV2",
      "medium, high,   true,  SEV1",
      "medium, high,   false, SEV2",
      "medium, medium, true,  SEV2",
      "high,   low,    true,  SEV3",
      "high,   low,    false, SEV3",
      "medium, medium, false, SEV3",
      "low,    high,   true,  SEV3",
      "low,    high,   false, SEV3",
      "medium, low,    false, SEV4",
      "low,    medium, true,  SEV4",
      "low,    low,    false, SEV4",
      // Unknown impact or urgency: if unsure, pick the higher severity.
      "null,   null,   false, SEV2",
      "high,   null,   false, SEV2",
      "null,   low,    false, SEV2",
  })
  void severityFromImpactUrgencyAndCustomerImpact(String impact, String urgency, boolean customers, String severity) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("impact", impact);
    vars.put("urgency", urgency);
    vars.put("customerImpact", customers);
    Object result = dmn.evaluateDecisionTable(decisions.get("incident-severity"), vars).getSingleResult()
        .getSingleEntry();
    assertThat(result).isEqualTo(severity);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "null", value = {
      // severity, priority, ack, cadence, mitigate, resolve, notify, review, review days, business days
      "SEV1, 100, PT5M,  PT30M, PT1H, PT4H,  'incident-commanders,communications,process-owners', mandatory, 3,  false",
      "SEV2, 75,  PT15M, PT1H,  PT4H, PT24H, 'incident-commanders,communications',                mandatory, 5,  true",
      "SEV3, 50,  PT1H,  PT4H,  P1D,  P3D,   communications,                                      optional,  10, true",
      "SEV4, 25,  PT4H,  null,  P3D,  P10D,  communications,                                      optional,  10, true",
  })
  void policyPerSeverity(String severity, int priority, String ack, String cadence, String mitigate, String resolve,
      String notifyGroups, String review, int reviewDays, boolean businessDays) {
    Map<String, Object> policy = dmn.evaluateDecisionTable(decisions.get("severity-policy"),
        Map.of("severity", severity)).getSingleResult().getEntryMap();
    assertThat(((Number) policy.get("priority")).intValue()).isEqualTo(priority);
    assertThat(policy).containsEntry("ackTimeout", ack).containsEntry("updateCadence", cadence)
        .containsEntry("targetMitigation", mitigate).containsEntry("targetResolution", resolve)
        .containsEntry("notifyGroups", notifyGroups).containsEntry("reviewPolicy", review)
        .containsEntry("reviewDueBusinessDays", businessDays);
    assertThat(((Number) policy.get("reviewDueDays")).intValue()).isEqualTo(reviewDays);
  }
}
