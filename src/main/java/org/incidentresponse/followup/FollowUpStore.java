package org.incidentresponse.followup;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code incident_follow_up}: one row per action item, written by the follow-up process's steps in
 * their transactions. Its status is {@code open}, {@code done} or {@code wont-do}; overdue is computed
 * when read ({@link FollowUps}).
 */
@Repository
public class FollowUpStore {

  /** One action item and how it ended, as stored. */
  public record Row(String incidentNumber, int index, String processInstanceId, String title, String type,
      String owner, String assignee, LocalDate dueDate, Instant dueAt, String ticketUrl, String severity,
      String service, String status, String evidenceUrl, String note, String closedBy, Instant closedAt,
      Instant createdAt) {}

  public static final String OPEN = "open";

  private final JdbcClient jdbc;

  public FollowUpStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Row row) {
    jdbc.sql("""
        INSERT INTO incident_follow_up (incident_number, item_index, process_instance_id, title, item_type, owner_id,
          assignee_id, due_date, due_at, ticket_url, incident_severity, incident_service, status, created_at)
        VALUES (:number, :index, :pi, :title, :type, :owner, :assignee, :dueDate, :dueAt, :ticket, :sev, :svc,
          :status, :created)""")
        .param("number", row.incidentNumber()).param("index", row.index()).param("pi", row.processInstanceId())
        .param("title", row.title()).param("type", row.type()).param("owner", row.owner())
        .param("assignee", row.assignee()).param("dueDate", Date.valueOf(row.dueDate()))
        .param("dueAt", Timestamp.from(row.dueAt())).param("ticket", row.ticketUrl())
        .param("sev", row.severity()).param("svc", row.service()).param("status", OPEN)
        .param("created", Timestamp.from(row.createdAt())).update();
  }

  void assign(String incidentNumber, int index, String assignee) {
    jdbc.sql("UPDATE incident_follow_up SET assignee_id = :a WHERE incident_number = :n AND item_index = :i")
        .param("a", assignee).param("n", incidentNumber).param("i", index).update();
  }

  void close(String incidentNumber, int index, String status, String evidenceUrl, String note, String closedBy,
      Instant closedAt) {
    jdbc.sql("""
        UPDATE incident_follow_up SET status = :status, evidence_url = :evidence, note = :note, closed_by = :by,
          closed_at = :at WHERE incident_number = :n AND item_index = :i""")
        .param("status", status).param("evidence", evidenceUrl).param("note", note).param("by", closedBy)
        .param("at", Timestamp.from(closedAt)).param("n", incidentNumber).param("i", index).update();
  }

  /** An incident's follow-ups in the order of the review's action items. */
  public List<Row> of(String incidentNumber) {
    return jdbc.sql("SELECT * FROM incident_follow_up WHERE incident_number = :n ORDER BY item_index")
        .param("n", incidentNumber).query(FollowUpStore::row).list();
  }

  /** The follow-ups agreed (started) in [from, to). */
  public List<Row> createdBetween(Instant from, Instant to) {
    return jdbc.sql("SELECT * FROM incident_follow_up WHERE created_at >= :from AND created_at < :to "
            + "ORDER BY incident_number, item_index")
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query(FollowUpStore::row).list();
  }

  private static Row row(ResultSet rs, int rowNum) throws SQLException {
    Timestamp closedAt = rs.getTimestamp("closed_at");
    return new Row(rs.getString("incident_number"), rs.getInt("item_index"), rs.getString("process_instance_id"),
        rs.getString("title"), rs.getString("item_type"), rs.getString("owner_id"), rs.getString("assignee_id"),
        rs.getDate("due_date").toLocalDate(), rs.getTimestamp("due_at").toInstant(), rs.getString("ticket_url"),
        rs.getString("incident_severity"), rs.getString("incident_service"), rs.getString("status"), rs.getString("evidence_url"),
        rs.getString("note"), rs.getString("closed_by"), closedAt == null ? null : closedAt.toInstant(),
        rs.getTimestamp("created_at").toInstant());
  }
}
