package org.incidentresponse.acknowledgement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who acknowledged which SOP version, and when (table {@code sop_acknowledgement}). */
@Repository
public class SopAcknowledgements {

  /** One acknowledgement: a right answer to every question of the version's knowledge check. */
  public record Acknowledgement(int version, String userId, Instant acknowledgedAt) {}

  private final JdbcClient jdbc;

  public SopAcknowledgements(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records it once: a second right answer keeps the first time. */
  void record(int version, String userId, Instant at) {
    if (find(version, userId).isEmpty()) {
      jdbc.sql("INSERT INTO sop_acknowledgement (sop_version, user_id, acknowledged_at) VALUES (:v, :u, :at)")
          .param("v", version).param("u", userId).param("at", Timestamp.from(at)).update();
    }
  }

  public Optional<Acknowledgement> find(int version, String userId) {
    return jdbc.sql("SELECT * FROM sop_acknowledgement WHERE sop_version = :v AND user_id = :u")
        .param("v", version).param("u", userId).query(SopAcknowledgements::row).optional();
  }

  public List<Acknowledgement> of(int version) {
    return jdbc.sql("SELECT * FROM sop_acknowledgement WHERE sop_version = :v ORDER BY acknowledged_at, user_id")
        .param("v", version).query(SopAcknowledgements::row).list();
  }

  private static Acknowledgement row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Acknowledgement(rs.getInt("sop_version"), rs.getString("user_id"),
        rs.getTimestamp("acknowledged_at").toInstant());
  }
}
