package org.incidentresponse.intake;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Dedup and idempotency state of the intake (tables in schema.sql). Every method runs in the
 * caller's transaction, together with the incident start or correlation it guards. Inserts rely on
 * primary keys: a concurrent duplicate fails with a DuplicateKeyException and is retried.
 */
@Repository
public class IntakeStore {

  /** The open incident of an alert group; alertState is firing or resolved (recovery already recorded). */
  public record OpenIncident(String incidentNumber, String alertState) {}

  private final JdbcTemplate jdbc;

  public IntakeStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean notificationSeen(String idempotencyKey) {
    return !jdbc.queryForList("SELECT 1 FROM intake_notification WHERE idempotency_key = ?", idempotencyKey).isEmpty();
  }

  public void recordNotification(String idempotencyKey, String source, String incidentNumbers) {
    jdbc.update("INSERT INTO intake_notification (idempotency_key, source, incident_numbers, received_at) VALUES (?, ?, ?, ?)",
        idempotencyKey, source, AlertMapper.text(incidentNumbers), now());
  }

  /** The group's open incident, row-locked until the transaction ends (the UPDATE takes the lock). */
  public Optional<OpenIncident> lockOpenIncident(String dedupKey) {
    String hash = AlertMapper.sha256(dedupKey);
    if (jdbc.update("UPDATE intake_open_incident SET last_seen_at = ? WHERE dedup_hash = ?", now(), hash) == 0) {
      return Optional.empty();
    }
    List<OpenIncident> rows = jdbc.query(
        "SELECT incident_number, alert_state FROM intake_open_incident WHERE dedup_hash = ?",
        (rs, i) -> new OpenIncident(rs.getString(1), rs.getString(2)), hash);
    return rows.stream().findFirst();
  }

  public void insertOpenIncident(String dedupKey, String incidentNumber, String alertState) {
    Timestamp now = now();
    jdbc.update("INSERT INTO intake_open_incident (dedup_hash, dedup_key, incident_number, alert_state, opened_at, last_seen_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)", AlertMapper.sha256(dedupKey), AlertMapper.text(dedupKey), incidentNumber, alertState, now, now);
  }

  public void setAlertState(String dedupKey, String alertState) {
    jdbc.update("UPDATE intake_open_incident SET alert_state = ? WHERE dedup_hash = ?", alertState, AlertMapper.sha256(dedupKey));
  }

  /** The incident is closed: the group's next firing opens a new one. */
  public void forget(String dedupKey) {
    jdbc.update("DELETE FROM intake_open_incident WHERE dedup_hash = ?", AlertMapper.sha256(dedupKey));
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
