package org.incidentresponse.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the read model from the history once, for a database whose incidents predate it. At every start
 * one row of {@code incident_summary_state} is read; while it says nothing, every incident without a row
 * gets one (insert if absent, never overwriting a row the engine wrote meanwhile), one transaction
 * each, then the marker row is written. Two nodes starting together may both fill: each insert is
 * skipped where the other node was first, so the result is the same.
 */
@Component
public class IncidentReadModelBackfill {

  static final String MARKER = "backfill";

  private static final Logger log = LoggerFactory.getLogger(IncidentReadModelBackfill.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final CamundaIncidentHistory history;
  private final IncidentReadModel readModel;
  private final IdentityService identityService;
  private final AuditProperties properties;

  public IncidentReadModelBackfill(JdbcTemplate jdbc, TransactionTemplate transactions, CamundaIncidentHistory history,
      IncidentReadModel readModel, IdentityService identityService, AuditProperties properties) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.history = history;
    this.readModel = readModel;
    this.identityService = identityService;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onStart() {
    if (done()) {
      return;
    }
    int filled = run();
    log.info("Audit read model filled from history: {} incidents", filled);
  }

  boolean done() {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM incident_summary_state WHERE name = ?", Integer.class, MARKER);
    return n != null && n > 0;
  }

  /** Fills every missing row, then marks the backfill done; returns the number of rows written. */
  public int run() {
    identityService.clearAuthentication();
    int filled = 0;
    int batch = Math.max(1, properties.backfillBatch());
    for (int first = 0; ; first += batch) {
      List<String> ids = history.allIds(first, batch);
      if (ids.isEmpty()) {
        break;
      }
      for (String id : ids) {
        // One short transaction each: a row is locked only from its insert to its commit, so the engine
        // (or another node filling too) never waits long on it.
        if (Boolean.TRUE.equals(transactions.execute(status -> readModel.insertIfAbsent(id)))) {
          filled++;
        }
      }
      if (ids.size() < batch) {
        break;
      }
    }
    try {
      jdbc.update("INSERT INTO incident_summary_state (name, done_at) VALUES (?, ?)", MARKER,
          Timestamp.from(Instant.now()));
    } catch (DuplicateKeyException e) {
      // Another node finished first.
    }
    return filled;
  }

  /** Forgets that the backfill ran, so the next {@link #run} or start does it again. */
  void forget() {
    jdbc.update("DELETE FROM incident_summary_state WHERE name = ?", MARKER);
  }
}
