package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.incidentresponse.audit.IncidentReadModelBackfill;
import org.incidentresponse.audit.IncidentRow;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.Sop;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit's read model never drifts from the history: a command that fails or a transaction rolled
 * back leaves the row as it was, a failed job and its retry, a severity override, alerts on an open
 * incident (which leave the row alone), and the backfill of a database whose rows are missing all end
 * with the row equal to what the audit computes from the history.
 */
@Tag("postgres")
class IncidentReadModelTest extends ProcessScenario {

  @Autowired TransactionTemplate transactions;
  @Autowired JdbcTemplate jdbc;
  @Autowired IncidentReadModelBackfill backfill;

  @Test
  void aFailedCommandOrARolledBackTransactionLeavesTheRowAsItWas() {
    ProcessInstance incident = start(report("medium", "medium", false));
    assertReadModelMatchesHistory();
    IncidentRow reported = row(incident);
    assertThat(reported.summary().acknowledgedAt()).isNull();

    // The engine's commands succeed, the surrounding transaction rolls back: nor history nor row changed.
    Task triage = task(incident, "Task_TriageIncident");
    transactions.executeWithoutResult(status -> {
      taskService.claim(triage.getId(), "responder");
      taskService.complete(triage.getId(), Map.of("triageNotes", "never happened"));
      status.setRollbackOnly();
    });
    assertThat(row(incident)).usingRecursiveComparison().isEqualTo(reported);
    assertReadModelMatchesHistory();

    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Worse than reported"));
    IncidentRow triaged = row(incident);
    assertThat(triaged.summary().acknowledgedAt()).isNotNull();
    assertThat(triaged.summary().acknowledgedBy()).isEqualTo("responder");

    // A command that fails (an override without a reason) writes nothing.
    Task classify = task(incident, "Task_ClassifyIncident");
    taskService.claim(classify.getId(), "commander");
    assertThatThrownBy(() -> taskService.complete(classify.getId(), Map.of("severity", "SEV1")))
        .hasMessageContaining("needs a reason");
    assertThat(row(incident).summary().severity()).isEqualTo("SEV3");
    assertReadModelMatchesHistory();

    // The override with its reason: the row follows the severity in force, the proposal kept.
    taskService.complete(classify.getId(),
        Map.of("severity", "SEV1", "severityOverrideReason", "Payments failing for all EU customers"));
    runDueJobs();
    assertThat(row(incident).summary().severity()).isEqualTo("SEV1");
    assertThat(row(incident).summary().proposedSeverity()).isEqualTo("SEV3");
    assertReadModelMatchesHistory();
  }

  @Test
  void alertsOnAnOpenIncidentLeaveItsRowAloneAndItsNextStepRewritesIt() {
    ProcessInstance incident = start(report("high", "high", false));
    String number = (String) runtimeService.getVariable(incident.getId(), IncidentVariable.INCIDENT_NUMBER.id());
    // A mark on the row: only a rewrite replaces it.
    Timestamp marked = Timestamp.valueOf("2000-01-01 00:00:00");
    jdbc.update("UPDATE incident_summary SET updated_at = ? WHERE process_instance_id = ?", marked, incident.getId());

    // A storm's alerts are counted on the incident's timeline; no column of its row comes from them, so
    // the row is not read again from a history that every alert makes longer.
    for (int alert = 1; alert <= 3; alert++) {
      runtimeService.createMessageCorrelation(Sop.MESSAGE_ALERT_RECEIVED).processInstanceBusinessKey(number)
          .setVariable(IncidentVariable.LAST_ALERT.id(), "alertmanager firing, alert " + alert).correlate();
    }
    assertThat(runtimeService.getVariable(incident.getId(), IncidentVariable.ALERT_COUNT.id())).isEqualTo(3);
    assertThat(writtenAt(incident)).isEqualTo(marked);
    assertReadModelMatchesHistory();

    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Confirmed"));
    assertThat(writtenAt(incident)).isAfter(marked);
    assertThat(row(incident).summary().acknowledgedBy()).isEqualTo("responder");
    assertReadModelMatchesHistory();
  }

  @Test
  void aFailedJobAndItsRetry() {
    ProcessInstance incident = start(report("high", "high", false));
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Confirmed"));
    Task classify = task(incident, "Task_ClassifyIncident");
    taskService.claim(classify.getId(), "commander");
    taskService.complete(classify.getId());
    Job notify = managementService.createJobQuery().processInstanceId(incident.getId()).activityId(
        "Task_NotifyStakeholders").singleResult();
    assertThat(notify).isNotNull();
    // A record the notification cannot read: the job fails until it is repaired.
    String recipients = IncidentVariable.NOTIFIED_RECIPIENTS.id();
    Object recorded = runtimeService.getVariable(incident.getId(), recipients);
    runtimeService.setVariable(incident.getId(), recipients, "[not a list of addresses");

    assertThatThrownBy(() -> managementService.executeJob(notify.getId()));
    assertThat(managementService.createJobQuery().jobId(notify.getId()).singleResult().getRetries())
        .isEqualTo(notify.getRetries() - 1);
    assertReadModelMatchesHistory();
    int checklistBefore = row(incident).summary().checklistDone();

    runtimeService.setVariable(incident.getId(), recipients, recorded);
    managementService.executeJob(notify.getId());
    runDueJobs();
    assertThat(notificationsSent(incident)).contains("initial");
    assertThat(row(incident).summary().checklistDone()).isGreaterThan(checklistBefore);
    assertReadModelMatchesHistory();
  }

  @Test
  void theBackfillRewritesMissingRowsOnceAndTwoNodesMayRunItTogether() throws Exception {
    ProcessInstance open = start(report("high", "high", false));
    ProcessInstance closed = start(report("low", "low", false));
    throughTimeline(closed, false);
    complete(closed, "Task_ResolveIncident", "responder", Map.of("rootCause", "Disk full",
        "resolutionSummary", "Cleaned up", "followUpActions", "Alert on disk"));
    complete(closed, "Task_DecideReview", "commander", Map.of("reviewWanted", false,
        "reviewDecisionReason", "Known minor issue"));
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(closed.getId()).singleResult()
        .getEndTime()).as("closed").isNotNull();
    IncidentRow openRow = row(open);
    IncidentRow closedRow = row(closed);

    // A database from before the read model: no rows, no marker.
    jdbc.update("DELETE FROM incident_summary");
    jdbc.update("DELETE FROM incident_summary_state");
    assertThat(readModel.find(open.getId())).isEmpty();

    // Two nodes starting together: both fill, neither fails, each row written once.
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      Callable<Integer> node = backfill::run;
      List<Future<Integer>> runs = nodes.invokeAll(List.of(node, node));
      int written = 0;
      for (Future<Integer> run : runs) {
        written += run.get();
      }
      Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM incident_summary", Integer.class);
      assertThat(written).isEqualTo(rows);
    } finally {
      nodes.shutdown();
    }
    assertThat(row(open)).usingRecursiveComparison().isEqualTo(openRow);
    assertThat(row(closed)).usingRecursiveComparison().isEqualTo(closedRow);
    assertReadModelMatchesHistory();

    // Done once: the next start only reads the marker.
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident_summary_state", Integer.class)).isEqualTo(1);
    jdbc.update("DELETE FROM incident_summary WHERE process_instance_id = ?", open.getId());
    backfill.onStart();
    assertThat(readModel.find(open.getId())).isEmpty();
    // Run again by hand, it writes only what is missing.
    assertThat(backfill.run()).isEqualTo(1);
    assertReadModelMatchesHistory();
  }

  private Timestamp writtenAt(ProcessInstance incident) {
    return jdbc.queryForObject("SELECT updated_at FROM incident_summary WHERE process_instance_id = ?",
        Timestamp.class, incident.getId());
  }

  private IncidentRow row(ProcessInstance incident) {
    return readModel.find(incident.getId()).orElseThrow(() -> new AssertionError("no row for " + incident.getId()));
  }
}
