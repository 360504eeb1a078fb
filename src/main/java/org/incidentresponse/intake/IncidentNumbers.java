package org.incidentresponse.intake;

import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Hands out human-readable incident numbers, {@code INC-2026-0042}, unique per year across every
 * node sharing the database. Runs inside the caller's transaction, so a rolled-back report does not
 * burn a number.
 */
@Service
public class IncidentNumbers {

  private final JdbcTemplate jdbc;

  public IncidentNumbers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public String next() {
    int year = ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).getYear();
    return "INC-%d-%04d".formatted(year, nextValue(year));
  }

  private int nextValue(int year) {
    for (int attempt = 0; attempt < 3; attempt++) {
      int updated = jdbc.update(
          "UPDATE incident_number_counter SET last_value = last_value + 1 WHERE counter_year = ?", year);
      if (updated == 0) {
        try {
          jdbc.update("INSERT INTO incident_number_counter (counter_year, last_value) VALUES (?, 1)", year);
          return 1;
        } catch (DuplicateKeyException raced) {
          continue; // another node inserted this year's row first: take the UPDATE path again
        }
      }
      Integer value = jdbc.queryForObject(
          "SELECT last_value FROM incident_number_counter WHERE counter_year = ?", Integer.class, year);
      return value;
    }
    throw new IllegalStateException("Could not allocate an incident number for " + year);
  }
}
