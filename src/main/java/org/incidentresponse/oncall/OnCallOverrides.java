package org.incidentresponse.oncall;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The overrides table: written once, read by team and role. */
@Component
public class OnCallOverrides {

  private final JdbcTemplate jdbc;

  public OnCallOverrides(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  ShiftOverride add(String team, OnCallRole role, String user, Instant start, Instant end, String createdBy, Instant now) {
    ShiftOverride override = new ShiftOverride(UUID.randomUUID().toString(), team, role, user, start, end, createdBy, now);
    jdbc.update("INSERT INTO oncall_override (id, team_id, role_id, user_id, starts_at, ends_at, created_by, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", override.id(), team, role.id(), user, Timestamp.from(start),
        Timestamp.from(end), createdBy, Timestamp.from(now));
    return override;
  }

  /** The team's overrides of that role that overlap [from, to), oldest first: a later one wins where they overlap. */
  List<ShiftOverride> of(String team, OnCallRole role, Instant from, Instant to) {
    return jdbc.query("SELECT * FROM oncall_override WHERE team_id = ? AND role_id = ? AND starts_at < ? AND ends_at > ?"
            + " ORDER BY created_at, id",
        (rs, row) -> new ShiftOverride(rs.getString("id"), rs.getString("team_id"), role, rs.getString("user_id"),
            rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getString("created_by"),
            rs.getTimestamp("created_at").toInstant()),
        team, role.id(), Timestamp.from(to), Timestamp.from(from));
  }
}
