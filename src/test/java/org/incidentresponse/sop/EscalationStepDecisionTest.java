package org.incidentresponse.sop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bpmn/incident-escalation.dmn (decision escalation-step), row by row, as process owners read it in Modeler. */
class EscalationStepDecisionTest {

  private static DmnEngine dmn;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("bpmn/incident-escalation.dmn")) {
      decision = dmn.parseDecision(Sop.DECISION_ESCALATION, in);
    }
  }

  @ParameterizedTest(name = "policy pages {0}, page {1} -> {2}")
  @CsvSource({
      // A team policy of 4 steps walked once (repeat 0): 4 pages, then it is exhausted.
      "4,  1, policy",
      "4,  4, policy",
      "4,  5, exhausted",
      // 3 steps, repeat 2: walked three times.
      "9,  7, policy",
      "9,  9, policy",
      "9, 10, exhausted",
      // No team policy: the responders group first, then the incident commanders three times.
      "0,  1, group:responders",
      "0,  2, group:incident-commanders",
      "0,  4, group:incident-commanders",
      "0,  5, exhausted",
  })
  void choosesTheStep(int policyPages, int page, String notify) {
    DmnDecisionRuleResult result = dmn.evaluateDecisionTable(decision,
        Map.of(IncidentVariable.ESCALATION_POLICY_PAGES.id(), policyPages, IncidentVariable.ESCALATION_STEP.id(), page))
        .getSingleResult();

    assertThat((String) result.getEntry(IncidentVariable.ESCALATION_NOTIFY.id())).isEqualTo(notify);
    assertThat(result.get(IncidentVariable.ESCALATION_WAIT.id()))
        .as("no wait of its own: the step's (catalog) or the severity's acknowledgement time").isNull();
  }
}
