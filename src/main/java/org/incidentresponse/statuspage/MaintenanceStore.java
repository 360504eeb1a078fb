package org.incidentresponse.statuspage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Scheduled maintenances and their public updates (tables {@code status_maintenance},
 * {@code status_maintenance_update}), written by the steps of {@code scheduled-maintenance} in the
 * engine's transaction.
 */
@Repository
class MaintenanceStore {

  private final JdbcClient jdbc;

  MaintenanceStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Maintenance> byProcessInstance(String processInstanceId) {
    return withUpdates(jdbc.sql("SELECT * FROM status_maintenance WHERE process_instance_id = :pid")
        .param("pid", processInstanceId).query(MaintenanceStore::maintenance).list()).stream().findFirst();
  }

  Optional<Maintenance> byId(String id) {
    return withUpdates(jdbc.sql("SELECT * FROM status_maintenance WHERE id = :id").param("id", id)
        .query(MaintenanceStore::maintenance).list()).stream().findFirst();
  }

  Maintenance create(String processInstanceId, String title, List<String> components, Instant from, Instant until,
      Instant now) {
    String id = StatusPageStore.newId();
    jdbc.sql("""
        INSERT INTO status_maintenance (id, process_instance_id, title, state, components, scheduled_for,
          scheduled_until, created_at, updated_at)
        VALUES (:id, :pid, :title, :state, :components, :from, :until, :now, :now)""")
        .param("id", id).param("pid", processInstanceId).param("title", title)
        .param("state", MaintenanceState.SCHEDULED.id()).param("components", String.join(",", components))
        .param("from", Timestamp.from(from)).param("until", Timestamp.from(until)).param("now", Timestamp.from(now))
        .update();
    return byId(id).orElseThrow();
  }

  /** Adds a public update in this state; the window's end moves to {@code until} when given. */
  Maintenance.Update addUpdate(String id, MaintenanceState state, String body, Instant until, Instant now) {
    Maintenance.Update update = new Maintenance.Update(StatusPageStore.newId(), id, state, body, now);
    jdbc.sql("""
        INSERT INTO status_maintenance_update (id, maintenance_id, state, body, created_at)
        VALUES (:id, :maintenance, :state, :body, :now)""")
        .param("id", update.id()).param("maintenance", id).param("state", state.id()).param("body", body)
        .param("now", Timestamp.from(now)).update();
    String started = state == MaintenanceState.IN_PROGRESS ? "COALESCE(started_at, :now)" : "started_at";
    String completed = state == MaintenanceState.COMPLETED ? "COALESCE(completed_at, :now)" : "completed_at";
    jdbc.sql("UPDATE status_maintenance SET state = :state, updated_at = :now, started_at = " + started
            + ", completed_at = " + completed + (until == null ? "" : ", scheduled_until = :until") + " WHERE id = :id")
        .param("state", state.id()).param("now", Timestamp.from(now)).param("id", id)
        .param("until", until == null ? null : Timestamp.from(until)).update();
    return update;
  }

  /** Every maintenance not completed, and those completed since {@code since}, soonest first. */
  List<Maintenance> currentSince(Instant since) {
    return withUpdates(jdbc.sql("""
        SELECT * FROM status_maintenance WHERE completed_at IS NULL OR completed_at >= :since
        ORDER BY scheduled_for, id""").param("since", Timestamp.from(since)).query(MaintenanceStore::maintenance).list());
  }

  Optional<Maintenance.Update> update(String id) {
    return jdbc.sql("SELECT * FROM status_maintenance_update WHERE id = :id").param("id", id)
        .query(MaintenanceStore::update).optional();
  }

  private List<Maintenance> withUpdates(List<Maintenance> maintenances) {
    if (maintenances.isEmpty()) {
      return maintenances;
    }
    Map<String, List<Maintenance.Update>> updates = new LinkedHashMap<>();
    maintenances.forEach(m -> updates.put(m.id(), new ArrayList<>()));
    jdbc.sql("SELECT * FROM status_maintenance_update WHERE maintenance_id IN (:ids) ORDER BY created_at DESC, seq DESC")
        .param("ids", List.copyOf(updates.keySet())).query(MaintenanceStore::update).list()
        .forEach(update -> updates.get(update.maintenanceId()).add(update));
    return maintenances.stream().map(m -> m.withUpdates(updates.get(m.id()))).toList();
  }

  private static Maintenance.Update update(ResultSet rs, int row) throws SQLException {
    return new Maintenance.Update(rs.getString("id"), rs.getString("maintenance_id"),
        MaintenanceState.byId(rs.getString("state")).orElseThrow(), rs.getString("body"),
        rs.getTimestamp("created_at").toInstant());
  }

  private static Maintenance maintenance(ResultSet rs, int row) throws SQLException {
    String components = rs.getString("components");
    return new Maintenance(rs.getString("id"), rs.getString("title"),
        MaintenanceState.byId(rs.getString("state")).orElseThrow(),
        components.isEmpty() ? List.of() : Arrays.asList(components.split(",")),
        instant(rs.getTimestamp("scheduled_for")), instant(rs.getTimestamp("scheduled_until")),
        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("completed_at")), List.of());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
