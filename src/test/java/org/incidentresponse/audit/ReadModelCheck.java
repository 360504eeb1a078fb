package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The read model's promise, checked for one incident: its row says field by field what the audit
 * computes from the incident's history, and at the engine's time the list's summary, its breaches and
 * what the metrics read are those of the per-incident report.
 */
public class ReadModelCheck {

  private final IncidentReadModel readModel;
  private final CamundaIncidentHistory history;
  private final ComplianceRules rules;
  private final ComplianceMetrics metrics;

  public ReadModelCheck(IncidentReadModel readModel, CamundaIncidentHistory history, AuditProperties properties) {
    this.readModel = readModel;
    this.history = history;
    Breaches breaches = new Breaches(properties.updateTolerance());
    this.rules = new ComplianceRules(breaches);
    this.metrics = new ComplianceMetrics(breaches);
  }

  public void matchesHistory(String processInstanceId) {
    IncidentHistory h = history.load(processInstanceId);
    IncidentRow row = readModel.find(processInstanceId)
        .orElseThrow(() -> new AssertionError("no read model row for " + processInstanceId));
    assertThat(row).as("row of %s", h.incidentNumber()).usingRecursiveComparison().isEqualTo(rules.row(h));
    Instant now = ClockUtil.getCurrentTime().toInstant();
    IncidentReport report = rules.report(h, now);
    assertThat(row.at(now)).as("summary of %s", h.incidentNumber()).usingRecursiveComparison()
        .isEqualTo(report.incident());
    assertThat(row.judgement().at(now)).as("breaches of %s", h.incidentNumber())
        .containsExactlyInAnyOrderElementsOf(report.breaches().stream().map(IncidentReport.Breach::kind).toList());
    assertThat(readModel.measured(processInstanceId, now)).as("metrics of %s", h.incidentNumber()).get()
        .usingRecursiveComparison()
        .isEqualTo(metrics.measured(h, now));
  }
}
