package org.incidentresponse.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.incidentresponse.AppTest;
import org.incidentresponse.postgres.PostgresTestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On PostgreSQL every pooled connection plans as the Tasklist filter needs, and the statistics on the
 * authorization check's permission bits exist and are filled once the app is up. (H2 pass: nothing to
 * check, H2 has no such planner settings.)
 */
@AppTest
@Tag("postgres")
class TaskQueryStatisticsTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void everyConnectionPlansWithoutJitWithCustomPlansAndSsdCosts() {
    assumeTrue(PostgresTestDatabase.selected(), "PostgreSQL pass only");
    assertThat(jdbc.queryForObject("SHOW jit", String.class)).isEqualTo("off");
    assertThat(jdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
    assertThat(jdbc.queryForObject("SHOW random_page_cost", String.class)).isEqualTo("1.1");
  }

  @Test
  void theAuthorizationPermissionBitsHaveFilledStatistics() {
    assumeTrue(PostgresTestDatabase.selected(), "PostgreSQL pass only");
    for (Map.Entry<String, Integer> bit : TaskQueryStatistics.PERMISSION_BITS.entrySet()) {
      List<String> expressions = jdbc.queryForList(
          "SELECT expr FROM pg_stats_ext_exprs WHERE statistics_name = ? AND tablename = 'act_ru_authorization'",
          String.class, bit.getKey());
      assertThat(expressions).as("statistics %s, filled by ANALYZE", bit.getKey())
          .singleElement().asString().contains("perms_ & " + bit.getValue());
    }
  }
}
