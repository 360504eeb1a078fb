package org.incidentresponse.intake;

import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out human-readable incident numbers, {@code INC-2026-0042}, unique per year across every
 * node sharing the database. Runs inside the caller's transaction, so a rolled-back report does not
 * burn a number.
 *
 * <p>The year's counter row is created, at 0, in a transaction of its own: when two nodes race to
 * create it, the loser's failed INSERT must not be part of the caller's transaction, because
 * PostgreSQL aborts a transaction at its first error (H2 does not, which hid this).
 */
@Service
public class IncidentNumbers {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  public IncidentNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public String next() {
    int year = ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).getYear();
    return "INC-%d-%04d".formatted(year, nextValue(year));
  }

  private int nextValue(int year) {
    if (increment(year) == 0) {
      createYear(year);
      if (increment(year) == 0) {
        throw new IllegalStateException("Could not allocate an incident number for " + year);
      }
    }
    return jdbc.queryForObject(
        "SELECT last_value FROM incident_number_counter WHERE counter_year = ?", Integer.class, year);
  }

  /** Row lock on the year's counter until the caller's transaction ends: concurrent reports queue here. */
  private int increment(int year) {
    return jdbc.update("UPDATE incident_number_counter SET last_value = last_value + 1 WHERE counter_year = ?", year);
  }

  private void createYear(int year) {
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.update(
          "INSERT INTO incident_number_counter (counter_year, last_value) VALUES (?, 0)", year));
    } catch (DuplicateKeyException raced) {
      // another report (on this node or another) created this year's row first: fine
    }
  }
}
