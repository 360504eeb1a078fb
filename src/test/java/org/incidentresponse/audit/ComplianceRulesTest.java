package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentresponse.audit.HistoryBuilder.T0;
import static org.incidentresponse.audit.HistoryBuilder.compliantSev1;
import static org.incidentresponse.audit.HistoryBuilder.incident;
import static org.incidentresponse.audit.HistoryBuilder.minute;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.incidentresponse.audit.IncidentReport.Summary;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.SopActivity;
import org.junit.jupiter.api.Test;

/** One incident's report put together: the summary over the checklist, breaches and timeline. */
class ComplianceRulesTest {

  static final ComplianceRules RULES = new ComplianceRules(new Breaches(Duration.ofMinutes(5)));
  static final Instant REVIEWED = minute(50).plus(Duration.ofDays(1));

  @Test
  void theSummaryOfAClosedIncident() {
    IncidentReport report = RULES.report(compliantSev1().set(IncidentVariable.REPORTED_AT, Date.from(minute(-2)))
        .set(IncidentVariable.ACKNOWLEDGED_AT, Date.from(minute(1))).build(), minute(60 * 24 * 30));
    assertThat(report.incident()).isEqualTo(new Summary("INC-2027-0001", "Payments down", "payments", "SEV1", "SEV1",
        "closed", "COMPLETED", false, "reporter", "tasklist", minute(-2), minute(1), "responder", minute(30), minute(50),
        REVIEWED, "commander", "Expired TLS certificate", 1, "", "pi-1", 8, 8, 0, List.of(1)));
    assertThat(report.checklist()).hasSize(8);
    assertThat(report.breaches()).isEmpty();
    assertThat(report.timeline()).isNotEmpty();
  }

  @Test
  void theSummaryShowsOnlyAWorkaroundAsMitigation() {
    // The metrics count a resolution without workaround as the mitigation; the report keeps them apart.
    Summary summary = RULES.report(compliantSev1().without(SopActivity.Task_ApplyWorkaround)
        .set(IncidentVariable.WORKAROUND_NEEDED, false).build(), REVIEWED).incident();
    assertThat(summary.mitigatedAt()).isNull();
    assertThat(summary.resolvedAt()).isEqualTo(minute(50));
    assertThat(summary.checklistDone()).as("no workaround needed still satisfies the SOP").isEqualTo(8);
  }

  @Test
  void anOpenIncidentCountsWhatIsDoneAndWhatIsAlreadyLate() {
    IncidentHistory open = incident().set(IncidentVariable.TITLE, "Slow search").set(IncidentVariable.DRILL, "true")
        .change(T0, IncidentVariable.ACK_TIMEOUT, "PT5M")
        .serviceTask(SopActivity.Task_LogIncident, T0).build();
    IncidentReport report = RULES.report(open, minute(6));
    assertThat(report.incident().status()).isEqualTo("open");
    assertThat(report.incident().state()).isEqualTo("ACTIVE");
    assertThat(report.incident().drill()).isTrue();
    assertThat(report.incident().closedAt()).isNull();
    assertThat(report.incident().checklistDone()).isEqualTo(1);
    assertThat(report.incident().checklistTotal()).isEqualTo(8);
    assertThat(report.incident().breachCount()).isEqualTo(1);
    assertThat(report.breaches()).extracting(IncidentReport.Breach::kind).containsExactly("acknowledgement-late");
    assertThat(RULES.report(open, minute(5)).incident().breachCount()).isZero();
  }

  @Test
  void theReportNamesEveryVersionTheIncidentRanOnInEachFormat() {
    IncidentReport report = RULES.report(compliantSev1().sopVersion(2, "").migrated(minute(10), "owner", 2, 3).build(),
        minute(60 * 24 * 30));
    assertThat(report.incident().sopVersion()).isEqualTo(3);
    assertThat(report.incident().sopVersions()).containsExactly(2, 3);
    assertThat(ReportRendering.markdown(report)).contains("| SOP versions run on | 2 → 3 \\(migrated\\) |")
        .contains("sop-migration: SOP migrated from version 2 to version 3 | by owner | owner |");
    assertThat(ReportRendering.html(report)).contains("<tr><th>SOP versions run on</th><td>2 &rarr; 3 (migrated)</td></tr>")
        .contains("sop-migration: SOP migrated from version 2 to version 3</td><td>by owner</td><td>owner</td>");
    assertThat(ReportRendering.markdown(RULES.report(compliantSev1().build(), minute(60 * 24 * 30))))
        .contains("| SOP versions run on | 1 |");
  }

  @Test
  void theReportSaysWhetherEachPersonHadAcknowledgedTheVersionTheIncidentRanOn() {
    IncidentReport report = RULES.report(compliantSev1().sopVersion(2, "")
        .acknowledgement("responder", 2, "acknowledged", minute(-60))
        .acknowledgement("commander", 2, "pending", null).build(), minute(60 * 24 * 30));
    assertThat(report.acknowledgements()).containsExactly(
        new IncidentReport.SopAcknowledgement("responder", 2, "acknowledged", minute(-60)),
        new IncidentReport.SopAcknowledgement("commander", 2, "pending", null));
    assertThat(ReportRendering.markdown(report)).contains("## SOP acknowledgements")
        .contains("| responder | 2 | acknowledged | 2027-03-01 09:00:00 UTC |")
        .contains("| commander | 2 | pending |  |");
    assertThat(ReportRendering.html(report))
        .contains("<tr><td>responder</td><td>2</td><td>acknowledged</td><td>2027-03-01 09:00:00 UTC</td></tr>");
  }
}
