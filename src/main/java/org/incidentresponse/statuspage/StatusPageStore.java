package org.incidentresponse.statuspage;

import java.security.SecureRandom;
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
 * The public incidents and their updates (tables {@code status_incident}, {@code status_update}).
 * Written by {@link StatusPageSop} inside the engine's transaction, so a step that rolls back
 * publishes nothing and a retried step publishes once.
 */
@Repository
public class StatusPageStore {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final JdbcClient jdbc;

  StatusPageStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A public id in the style of Statuspage's: 12 random lower-case letters and digits. */
  static String newId() {
    char[] id = new char[12];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
    }
    return new String(id);
  }

  Optional<PublicIncident> byProcessInstance(String processInstanceId) {
    return jdbc.sql("SELECT * FROM status_incident WHERE process_instance_id = :pid")
        .param("pid", processInstanceId).query(StatusPageStore::incident).optional();
  }

  PublicIncident create(String processInstanceId, String title, ComponentStatus impact, List<String> components,
      Instant now) {
    String id = newId();
    jdbc.sql("""
        INSERT INTO status_incident (id, process_instance_id, title, state, impact, components, created_at, updated_at)
        VALUES (:id, :pid, :title, :state, :impact, :components, :now, :now)""")
        .param("id", id).param("pid", processInstanceId).param("title", title)
        .param("state", IncidentState.INVESTIGATING.id()).param("impact", impact.id())
        .param("components", String.join(",", components)).param("now", Timestamp.from(now))
        .update();
    return new PublicIncident(id, title, IncidentState.INVESTIGATING, impact, components, now, now, null, null,
        List.of());
  }

  /** A new classification of an open incident: its public title and impact may change. */
  void reclassify(String id, String title, ComponentStatus impact, Instant now) {
    jdbc.sql("UPDATE status_incident SET title = :title, impact = :impact, updated_at = :now WHERE id = :id")
        .param("title", title).param("impact", impact.id()).param("now", Timestamp.from(now)).param("id", id)
        .update();
  }

  PublicUpdate addUpdate(String incidentId, IncidentState state, String body, Instant now) {
    PublicUpdate update = new PublicUpdate(newId(), incidentId, state, body, now);
    jdbc.sql("INSERT INTO status_update (id, incident_id, state, body, created_at) VALUES (:id, :incident, :state, :body, :now)")
        .param("id", update.id()).param("incident", incidentId).param("state", state.id()).param("body", body)
        .param("now", Timestamp.from(now)).update();
    // A resolved incident keeps its first resolution time; a later update of another state reopens it.
    String resolvedAt = state == IncidentState.RESOLVED ? "COALESCE(resolved_at, :now)" : "NULL";
    String monitoringAt = state == IncidentState.MONITORING ? "COALESCE(monitoring_at, :now)" : "monitoring_at";
    jdbc.sql("UPDATE status_incident SET state = :state, updated_at = :now, monitoring_at = " + monitoringAt
            + ", resolved_at = " + resolvedAt + " WHERE id = :id")
        .param("state", state.id()).param("now", Timestamp.from(now)).param("id", incidentId).update();
    return update;
  }

  Optional<PublicIncident> byId(String id) {
    return withUpdates(jdbc.sql("SELECT * FROM status_incident WHERE id = :id").param("id", id)
        .query(StatusPageStore::incident).list()).stream().findFirst();
  }

  /** Incidents open at some time since {@code since}: the unresolved ones and those resolved after it. */
  List<PublicIncident> openSince(Instant since) {
    return withUpdates(jdbc.sql("""
        SELECT * FROM status_incident WHERE resolved_at IS NULL OR resolved_at >= :since
        ORDER BY created_at DESC, id""").param("since", Timestamp.from(since)).query(StatusPageStore::incident).list());
  }

  /** Every incident, newest first, one page of them. */
  List<PublicIncident> page(int page, int size) {
    return withUpdates(jdbc.sql("SELECT * FROM status_incident ORDER BY created_at DESC, id LIMIT :size OFFSET :offset")
        .param("size", size).param("offset", page * size).query(StatusPageStore::incident).list());
  }

  int count() {
    return jdbc.sql("SELECT COUNT(*) FROM status_incident").query(Integer.class).single();
  }

  private List<PublicIncident> withUpdates(List<PublicIncident> incidents) {
    if (incidents.isEmpty()) {
      return incidents;
    }
    Map<String, List<PublicUpdate>> updates = new LinkedHashMap<>();
    incidents.forEach(incident -> updates.put(incident.id(), new ArrayList<>()));
    jdbc.sql("SELECT * FROM status_update WHERE incident_id IN (:ids) ORDER BY created_at DESC, seq DESC")
        .param("ids", List.copyOf(updates.keySet()))
        .query((rs, row) -> new PublicUpdate(rs.getString("id"), rs.getString("incident_id"),
            IncidentState.byId(rs.getString("state")).orElseThrow(), rs.getString("body"),
            rs.getTimestamp("created_at").toInstant()))
        .list().forEach(update -> updates.get(update.incidentId()).add(update));
    return incidents.stream().map(incident -> incident.withUpdates(updates.get(incident.id()))).toList();
  }

  private static PublicIncident incident(ResultSet rs, int row) throws SQLException {
    String components = rs.getString("components");
    return new PublicIncident(rs.getString("id"), rs.getString("title"),
        IncidentState.byId(rs.getString("state")).orElseThrow(),
        ComponentStatus.byId(rs.getString("impact")).orElseThrow(),
        components.isEmpty() ? List.of() : Arrays.asList(components.split(",")),
        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("monitoring_at")), instant(rs.getTimestamp("resolved_at")), List.of());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
