package org.incidentresponse.tasklist;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, tells the planner how selective the authorization check of Camunda's task queries is:
 * statistics on the permission bits the check tests. Without them PostgreSQL guesses a handful of
 * matching authorizations where there is one per task, and compares every task of a group's Tasklist
 * filter with every task authorization: 7.5 s for "My groups — unassigned" with 7,775 unclaimed tasks,
 * against 0.43 s with them and the session settings of {@code application-postgres.yaml}
 * (BENCHMARKS.md, run L). Created once, after the engine has made its tables; a database where the app
 * may not create them only logs a warning, and the filter stays slow with large backlogs.
 */
@Component
class TaskQueryStatistics {

  private static final Logger log = LoggerFactory.getLogger(TaskQueryStatistics.class);

  /** Statistics name → the permission bit Camunda's check tests: READ on a task, READ_TASK on a definition. */
  static final Map<String, Integer> PERMISSION_BITS = Map.of(
      "act_ru_auth_perms_read", 2,
      "act_ru_auth_perms_read_task", 64);

  private final JdbcTemplate jdbc;

  TaskQueryStatistics(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener(ApplicationReadyEvent.class)
  void createOnPostgres() {
    if (!postgres()) {
      return;
    }
    try {
      boolean created = false;
      for (var bit : PERMISSION_BITS.entrySet()) {
        Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM pg_statistic_ext WHERE stxname = ?",
            Integer.class, bit.getKey());
        if (present == null || present == 0) {
          jdbc.execute("CREATE STATISTICS IF NOT EXISTS " + bit.getKey() + " ON (perms_ & " + bit.getValue()
              + ") FROM act_ru_authorization");
          created = true;
        }
      }
      if (created) {
        // Statistics are only filled by an ANALYZE; autovacuum would get to it, but not before it is needed.
        jdbc.execute("ANALYZE act_ru_authorization");
        log.info("Created the planner statistics of Camunda's task authorizations ({})", PERMISSION_BITS.keySet());
      }
    } catch (DataAccessException e) {
      log.warn("Could not create the planner statistics of Camunda's task authorizations ({}): large Tasklist"
          + " backlogs will list slowly; see docs/operators.md, PostgreSQL", e.getMostSpecificCause().getMessage());
    }
  }

  private boolean postgres() {
    return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c ->
        c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")));
  }
}
