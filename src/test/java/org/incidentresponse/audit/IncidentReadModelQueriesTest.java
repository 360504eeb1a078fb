package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.AppTest;
import org.incidentresponse.audit.AuditMetrics.SeverityMetrics;
import org.incidentresponse.audit.IncidentReport.Summary;
import org.incidentresponse.postgres.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read model at the size of a busy year: the metrics count every incident of the period (more than
 * the 5000 the audit once stopped at, silently), the list pages and filters over the table, and each
 * filter query uses an index.
 */
@AppTest
@Tag("postgres")
class IncidentReadModelQueriesTest {

  /** A year no other test reports incidents in. */
  private static final Instant YEAR = Instant.parse("2031-01-01T00:00:00Z");
  private static final String PREFIX = "readmodel-bulk-";
  private static final int ROWS = 6000;

  @Autowired IncidentReadModel readModel;
  @Autowired IncidentAudit audit;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  @AfterEach
  void removeRows() {
    ClockUtil.reset();
    jdbc.update("DELETE FROM incident_summary WHERE process_instance_id LIKE ?", PREFIX + "%");
  }

  @Test
  void metricsCountEveryIncidentOfThePeriodWithoutALimit() {
    insertRows();

    Instant from = YEAR;
    Instant to = YEAR.plus(Duration.ofDays(365));
    ClockUtil.setCurrentTime(Date.from(YEAR));
    assertThat(audit.metrics(from, to).breaches()).as("before any deadline").isEmpty();
    ClockUtil.setCurrentTime(Date.from(to));
    AuditMetrics metrics = audit.metrics(from, to);

    assertThat(metrics.covered()).isEqualTo(ROWS);
    assertThat(metrics.drillsExcluded()).isEqualTo(ROWS / 10);
    assertThat(metrics.incidents()).isEqualTo(ROWS - ROWS / 10);
    SeverityMetrics all = metrics.bySeverity().get(metrics.bySeverity().size() - 1);
    assertThat(all.severity()).isEqualTo(ComplianceMetrics.ALL_SEVERITIES);
    assertThat(all.incidents()).isEqualTo(ROWS - ROWS / 10);
    int closedReal = (int) java.util.stream.IntStream.range(0, ROWS).filter(i -> i % 10 != 0 && i % 3 != 0).count();
    assertThat(all.closed()).isEqualTo(closedReal);
    assertThat(all.acknowledge().count()).isEqualTo(closedReal);
    assertThat(all.acknowledge().meanMinutes()).isEqualTo(10.0);
    assertThat(all.resolve().meanMinutes()).isEqualTo(120.0);
    // Every open incident is past its acknowledgement deadline now: a breach read at the engine's time.
    int open = (int) java.util.stream.IntStream.range(0, ROWS).filter(i -> i % 10 != 0 && i % 3 == 0).count();
    assertThat(metrics.breaches()).isEqualTo(Map.of(Breaches.Kind.ACKNOWLEDGEMENT_LATE.id(), open));

    // None of these has a history: as after Camunda's history cleanup, the closed ones are dropped.
    readModel.forgetCleanedUp();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident_summary WHERE process_instance_id LIKE ?",
        Integer.class, PREFIX + "%")).isEqualTo(ROWS / 3);
  }

  @Test
  void theListPagesAndFiltersOverTheTable() {
    insertRows();
    IncidentFilter year = new IncidentFilter(null, null, null, YEAR, YEAR.plus(Duration.ofDays(365)), null);

    IncidentAudit.Page first = audit.list(year, 0, 100);
    assertThat(first.total()).isEqualTo(ROWS);
    assertThat(first.items()).hasSize(100);
    assertThat(first.items().get(0).number()).isEqualTo(PREFIX + (ROWS - 1));
    IncidentAudit.Page last = audit.list(year, ROWS / 100 - 1, 100);
    assertThat(last.items().get(99).number()).isEqualTo(PREFIX + 0);

    IncidentFilter sev1 = new IncidentFilter("SEV1", null, "readmodel-service", YEAR, null, false);
    long expected = java.util.stream.IntStream.range(0, ROWS).filter(i -> i % 10 != 0 && i % 4 == 0).count();
    assertThat(audit.list(sev1, 0, 20).total()).isEqualTo(expected);
    assertThat(audit.list(sev1, 0, 20).items()).allSatisfy(s -> {
      assertThat(s.severity()).isEqualTo("SEV1");
      assertThat(s.drill()).isFalse();
    });
    ClockUtil.setCurrentTime(Date.from(YEAR.plus(Duration.ofDays(400))));
    IncidentFilter open = new IncidentFilter(null, "open", null, YEAR, null, true);
    assertThat(audit.list(open, 0, 20).items()).allSatisfy(s -> {
      assertThat(s.status()).isEqualTo("open");
      assertThat(s.drill()).isTrue();
      assertThat(s.breachCount()).isEqualTo(1);
    });
  }

  @Test
  void everyFilterQueryUsesAnIndex() {
    insertRows();
    boolean postgres = PostgresTestDatabase.selected();
    transactions.executeWithoutResult(status -> {
      if (postgres) {
        jdbc.execute("ANALYZE incident_summary");
        jdbc.execute("SET LOCAL enable_seqscan = off");
      }
      for (String query : IncidentReadModel.filterQueries()) {
        String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + query, String.class));
        assertThat(plan.toLowerCase()).as(query).contains("incident_summary_");
        if (postgres) {
          assertThat(plan).as(query).doesNotContain("Seq Scan");
        }
      }
    });
  }

  /** Incidents of {@link #YEAR}, one a minute: every tenth a drill, every third open, severities in turn. */
  private void insertRows() {
    List<IncidentRow> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      Instant started = YEAR.plus(Duration.ofMinutes(i));
      boolean closed = i % 3 != 0;
      String severity = "SEV" + (i % 4 + 1);
      Summary summary = new Summary(PREFIX + i, "Bulk " + i, "readmodel-service", severity, severity,
          closed ? "closed" : "open", closed ? "COMPLETED" : "ACTIVE", i % 10 == 0, "reporter", "test", started,
          closed ? started.plus(Duration.ofMinutes(10)) : null, closed ? "responder" : null, null,
          closed ? started.plus(Duration.ofMinutes(120)) : null, closed ? started.plus(Duration.ofMinutes(180)) : null,
          "commander", null, 1, "", PREFIX + i, 8, 8, 0, List.of(1));
      Breaches.Judgement judgement = new Breaches.Judgement(Map.of(),
          closed ? Map.of() : Map.of(Breaches.Kind.ACKNOWLEDGEMENT_LATE, started.plus(Duration.ofMinutes(15))));
      rows.add(new IncidentRow(summary, started, "incident-response:1:bulk", null, null, null, false, judgement));
    }
    transactions.executeWithoutResult(status -> rows.forEach(readModel::upsert));
  }
}
