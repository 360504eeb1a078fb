package org.incidentresponse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Checks a database filled by {@link HistoryReplicator} through the app (a benchmark tool, not a test):
 * forgets that the read model's backfill ran (so it runs again at this start), fingerprints
 * {@code incident_summary}, starts the app, fingerprints it again (the backfill must find every row
 * present and write none), then calls, as the auditor, the audit list, the report of the newest-numbered
 * closed incident (a copy) and the metrics over every incident, and prints what they show.
 */
public final class ReplicaCheck {

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("spring.datasource.url", BenchApp.DEFAULT_H2);
    String user = System.getProperty("spring.datasource.username", "sa");
    String before;
    String number;
    try (Connection db = DriverManager.getConnection(url, user, System.getProperty("spring.datasource.password", ""))) {
      try (Statement s = db.createStatement()) {
        s.executeUpdate("DELETE FROM incident_summary_state WHERE name = 'backfill'");
      }
      before = fingerprint(db);
      try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT incident_number FROM incident_summary"
          + " WHERE status = 'closed' ORDER BY LENGTH(incident_number) DESC, incident_number DESC LIMIT 1")) {
        rs.next();
        number = System.getProperty("bench.number", rs.getString(1));
      }
    }
    System.out.println("Before start (backfill marker removed): " + before);
    long t = System.nanoTime();
    ConfigurableApplicationContext app = BenchApp.start(false);
    int exit = 0;
    try {
      System.out.printf("Started in %.1f s (backfill included)%n", (System.nanoTime() - t) / 1e9);
      String after;
      try (Connection db = app.getBean(DataSource.class).getConnection()) {
        after = fingerprint(db);
      }
      System.out.println("After start:                             " + after);
      System.out.println(before.equals(after) ? "(d) backfill wrote nothing: OK" : "(d) backfill CHANGED incident_summary");
      exit = before.equals(after) ? 0 : 1;
      ScaleBenchmark.base = BenchApp.baseUrl(app);
      var json = ScaleBenchmark.JSON;
      JsonNode page = json.readTree(ScaleBenchmark.get("/api/incidents?page=0&size=20", "auditor", "application/json"));
      System.out.println("(a) /api/incidents?page=0&size=20: total " + page.path("total") + "; first items:");
      for (int i = 0; i < Math.min(3, page.path("items").size()); i++) {
        System.out.println("    " + page.path("items").get(i));
      }
      JsonNode closed = json.readTree(ScaleBenchmark.get("/api/incidents?status=closed&page=0&size=20", "auditor",
          "application/json"));
      System.out.println("    status=closed: total " + closed.path("total") + "; first: " + closed.path("items").get(0));
      String report = ScaleBenchmark.get("/api/incidents/" + number + "/report", "auditor", "application/json");
      JsonNode r = json.readTree(report);
      System.out.println("(b) /api/incidents/" + number + "/report: " + report.length() + " characters; fields "
          + iterable(r.fieldNames()));
      JsonNode timeline = r.has("timeline") ? r.get("timeline") : r.path("report").path("timeline");
      System.out.println("    timeline: " + timeline.size() + " entries; first " + timeline.path(0) + "; last "
          + timeline.path(timeline.size() - 1));
      String metrics = ScaleBenchmark.get("/api/incidents/metrics?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(400)
          + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1), "auditor", "application/json");
      System.out.println("(c) metrics over 400 days: " + (metrics.length() > 1500 ? metrics.substring(0, 1500) + "..." : metrics));
    } finally {
      app.close();
    }
    System.exit(exit);
  }

  static String iterable(java.util.Iterator<String> it) {
    StringBuilder b = new StringBuilder();
    it.forEachRemaining(s -> b.append(s).append(' '));
    return b.toString().trim();
  }

  /** Rows of incident_summary and a digest of every row's id, number, status, severity, times. */
  static String fingerprint(Connection db) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    long rows = 0;
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT process_instance_id, incident_number,"
        + " status, severity, started_at, closed_at, updated_at FROM incident_summary ORDER BY process_instance_id")) {
      while (rs.next()) {
        rows++;
        for (int c = 1; c <= 7; c++) {
          digest.update(String.valueOf(rs.getObject(c)).getBytes());
        }
      }
    }
    return rows + " rows, digest " + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }
}
