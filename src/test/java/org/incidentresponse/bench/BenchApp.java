package org.incidentresponse.bench;

import java.util.ArrayList;
import java.util.List;
import org.incidentresponse.IncidentResponseApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the app in this JVM for the scale tools ({@link HistoryGenerator}, {@link ScaleBenchmark}):
 * the demo users and the demo catalog (team payments owns payment-gateway), but without the demo
 * profile's chat channels, webhooks and seeded incidents, and without mail (notifications go to the
 * log channel, which is quiet at WARN). The database is chosen as usual: {@code
 * -Dspring.datasource.url=...} (default: the H2 file {@code ./data/bench-history}), and {@code
 * -Dspring.profiles.active=postgres} with {@code -Dspring.datasource.username=...} for PostgreSQL.
 */
final class BenchApp {

  static final String DEFAULT_H2 = "jdbc:h2:file:./data/bench-history;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";

  private BenchApp() {
  }

  static ConfigurableApplicationContext start(boolean jobExecutor, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + System.getProperty("server.port", "0"),
        "--camunda.bpm.job-execution.enabled=" + jobExecutor,
        "--camunda.bpm.admin-user.id=admin", "--camunda.bpm.admin-user.password=admin",
        "--incident-response.catalog.location=classpath:catalog/demo/",
        // The SOP keeps history 180 days (historyTimeToLive P180D): a generated year has incidents
        // whose removal time has passed, which the cleanup window (01:00-05:00) would delete mid-run.
        "--camunda.bpm.generic-properties.properties.history-cleanup-enabled=false",
        "--incident-response.oncall.acknowledge.secret=bench-acknowledge-secret-not-for-production-use",
        "--incident-response.intake.tokens=bench-intake-token",
        "--logging.level.root=WARN", "--logging.level.org.incidentresponse=WARN"));
    if (System.getProperty("spring.datasource.url") == null) {
      args.add("--spring.datasource.url=" + DEFAULT_H2);
    }
    String[][] users = {
        {"responder", "responders"}, {"commander", "incident-commanders"}, {"comms", "communications"},
        {"owner", "process-owners"}, {"auditor", "auditors"},
        {"alice", "responders,payments"}, {"bob", "responders,payments"}, {"carol", "responders,payments"}};
    for (int i = 0; i < users.length; i++) {
      String p = "--incident-response.identity.users[" + i + "].";
      args.add(p + "id=" + users[i][0]);
      args.add(p + "password=" + users[i][0]);
      args.add(p + "first-name=" + users[i][0]);
      args.add(p + "last-name=Bench");
      args.add(p + "email=" + users[i][0] + "@example.org");
      String[] groups = users[i][1].split(",");
      for (int g = 0; g < groups.length; g++) {
        args.add(p + "groups[" + g + "]=" + groups[g]);
      }
    }
    args.addAll(List.of(extra));
    return new SpringApplicationBuilder(IncidentResponseApplication.class).run(args.toArray(String[]::new));
  }

  static String baseUrl(ConfigurableApplicationContext app) {
    return "http://127.0.0.1:" + ((ServletWebServerApplicationContext) app).getWebServer().getPort();
  }
}
