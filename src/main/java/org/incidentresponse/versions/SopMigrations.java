package org.incidentresponse.versions;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every migration request and its outcome per incident (tables {@code sop_migration},
 * {@code sop_migration_incident}), so that {@code GET /api/sop/migrations/{id}} answers after the fact.
 * The request is stored before its incidents move and each outcome right after its own transaction:
 * what is stored is what happened, even if the application stops half-way through the list.
 */
@Repository
public class SopMigrations {

  /** Reasons are joined by this; no validation message of Camunda contains it. */
  private static final String SEPARATOR = "\n";
  private static final int MAX_REASONS = 8000;

  private final JdbcClient jdbc;

  public SopMigrations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void started(String id, int from, int to, boolean dryRun, String userId, Instant at) {
    jdbc.sql("""
        INSERT INTO sop_migration (id, from_version, to_version, dry_run, requested_by, requested_at)
        VALUES (:id, :from, :to, :dryRun, :user, :at)""")
        .param("id", id).param("from", from).param("to", to).param("dryRun", dryRun).param("user", userId)
        .param("at", Timestamp.from(at)).update();
  }

  void outcome(String id, int position, SopVersions.Outcome outcome) {
    String reasons = String.join(SEPARATOR, outcome.reasons().stream().map(r -> r.replace(SEPARATOR, " ")).toList());
    jdbc.sql("""
        INSERT INTO sop_migration_incident (migration_id, line_no, process_instance_id, incident_number, migrated, reasons)
        VALUES (:id, :position, :pi, :number, :migrated, :reasons)""")
        .param("id", id).param("position", position).param("pi", outcome.processInstanceId())
        .param("number", outcome.incidentNumber()).param("migrated", outcome.migrated())
        .param("reasons", reasons.length() > MAX_REASONS ? reasons.substring(0, MAX_REASONS - 1) + "…" : reasons)
        .update();
  }

  public Optional<SopVersions.Report> find(String id) {
    return jdbc.sql("SELECT * FROM sop_migration WHERE id = :id").param("id", id)
        .query((rs, n) -> new SopVersions.Report(rs.getString("id"), rs.getInt("from_version"), rs.getInt("to_version"),
            rs.getBoolean("dry_run"), rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
            new ArrayList<>()))
        .optional().map(report -> {
          report.incidents().addAll(outcomes(id));
          return new SopVersions.Report(report.id(), report.from(), report.to(), report.dryRun(), report.migratedBy(),
              report.requestedAt(), List.copyOf(report.incidents()));
        });
  }

  /** The latest requests first, without their incidents. */
  public List<SopVersions.Report> latest(int limit) {
    return jdbc.sql("SELECT * FROM sop_migration ORDER BY requested_at DESC, id DESC FETCH FIRST :limit ROWS ONLY")
        .param("limit", limit).query((rs, n) ->
            new SopVersions.Report(rs.getString("id"), rs.getInt("from_version"), rs.getInt("to_version"),
                rs.getBoolean("dry_run"), rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
                List.of()))
        .list();
  }

  private List<SopVersions.Outcome> outcomes(String id) {
    return jdbc.sql("SELECT * FROM sop_migration_incident WHERE migration_id = :id ORDER BY line_no").param("id", id)
        .query((rs, n) -> new SopVersions.Outcome(rs.getString("process_instance_id"), rs.getString("incident_number"),
            rs.getBoolean("migrated"), rs.getString("reasons").isEmpty() ? List.of()
                : Arrays.asList(rs.getString("reasons").split(SEPARATOR))))
        .list();
  }
}
