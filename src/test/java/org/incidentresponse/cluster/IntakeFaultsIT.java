package org.incidentresponse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.incidentresponse.postgres.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The intake API of the packaged jar on PostgreSQL under faults: the database taken away in the
 * middle of webhooks (through a TCP proxy in this JVM, so the shared PostgreSQL stays up), and
 * kill -9 during a burst of webhook calls: every incident answered 2xx is there after the restart,
 * and gets its triage task from the job that continues its start.
 */
@Tag("postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntakeFaultsIT {

  static final String TOKEN = "intake-it-" + UUID.randomUUID();
  static final String ADMIN = "admin:intake-it-" + UUID.randomUUID();

  static TcpProxy database;
  static String jdbcUrl;
  static AppNode node;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(PostgresTestDatabase.available(), "PostgreSQL does not answer on 127.0.0.1:5432: intake fault test skipped");
    assumeTrue(AppNode.jar() != null, "No packaged jar in target/: run ./mvnw verify");
    jdbcUrl = PostgresTestDatabase.createDatabase("intake");
    database = new TcpProxy(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT);
    String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPRING_PROFILES_ACTIVE", "postgres");
    env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + IntakeFaultsIT.database.port() + "/" + database);
    env.put("SPRING_DATASOURCE_USERNAME", PostgresTestDatabase.USER);
    env.put("SPRING_DATASOURCE_PASSWORD", PostgresTestDatabase.PASSWORD);
    env.put("CAMUNDA_BPM_ADMIN_USER_ID", "admin");
    env.put("CAMUNDA_BPM_ADMIN_USER_PASSWORD", ADMIN.substring("admin:".length()));
    env.put("INCIDENT_INTAKE_TOKENS", TOKEN);
    env.put("INCIDENT_ACKNOWLEDGE_SECRET", "cluster-it-acknowledge-secret-" + java.util.UUID.randomUUID());
    // A job the killed node had locked runs once its lock expires: a short lock keeps the test short.
    env.put("CAMUNDA_BPM_JOBEXECUTION_LOCKTIMEINMILLIS", "20000");
    env.put("JAVA_TOOL_OPTIONS", "-Xmx384m -XX:TieredStopAtLevel=1");
    node = new AppNode("intake-node", env, Files.createDirectories(Path.of("target", "cluster-it")));
    node.startAndAwaitReady(Duration.ofSeconds(150));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  @Order(1)
  void databaseUnreachableDuringAWebhookAnswers5xxCreatesNothingAndIntakeResumes() throws Exception {
    HttpResponse<String> before = alert("db-before");
    assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
    long incidents = incidents();
    Map<String, Long> rows = intakeRows();

    database.down();
    HttpResponse<String> during = alert("db-down");
    assertThat(during.statusCode()).as("webhook while the database is unreachable: %s", during.body()).isBetween(500, 599);
    assertThat(during.headers().firstValue("Content-Type")).as("a problem detail").hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(AppNode.JSON.readTree(during.body()).get("status").asInt()).isEqualTo(during.statusCode());
    assertThat(AppNode.JSON.readTree(during.body()).get("detail").asText()).contains("nothing was recorded");
    HttpResponse<String> readiness = node.request("GET", "/actuator/health/readiness", null, null);
    assertThat(readiness.statusCode()).as("not ready without a database").isEqualTo(503);

    database.up();
    assertThat(incidents()).as("nothing half-created").isEqualTo(incidents);
    assertThat(intakeRows()).as("no intake rows from the failed webhook").isEqualTo(rows);
    ClusterIT.await(Duration.ofSeconds(60), () -> {
      try {
        return node.request("GET", "/actuator/health/readiness", null, null).statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    });
    HttpResponse<String> after = alert("db-down");
    assertThat(after.statusCode()).as("the same alert, delivered again once the database is back: %s", after.body()).isEqualTo(200);
    assertThat(after.body()).contains("opened");
    assertThat(incidents()).isEqualTo(incidents + 1);

    // The first alert again: it opens nothing new, and the intake metrics say so.
    HttpResponse<String> again = alert("db-before");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(incidents()).isEqualTo(incidents + 1);
    String scrape = node.request("GET", "/actuator/prometheus", ADMIN, null).body();
    // The first test on a fresh node: the three answered alerts, of which the repeat opened nothing.
    // The one that failed with the database counts nowhere: nothing was decided, and it came again.
    assertThat(metric(scrape, "incident_response_alerts_received_total", "alertmanager")).isEqualTo(3);
    assertThat(metric(scrape, "incident_response_alerts_deduplicated_total", "alertmanager")).isEqualTo(1);
    assertThat(metric(scrape, "incident_response_alerts_rejected_total", "alertmanager")).isZero();
    // Severity is decided in the job after Task_LogIncident, which the executor runs after the answer
    // (and after its acquisition backs off from the outage); the gauge is cached for 10 s.
    ClusterIT.await(Duration.ofSeconds(90), () -> {
      try {
        return metric(node.request("GET", "/actuator/prometheus", ADMIN, null).body(),
            "incident_response_incidents_open", "SEV1") == 2;
      } catch (IOException e) {
        return false;
      }
    });
    scrape = node.request("GET", "/actuator/prometheus", ADMIN, null).body();
    assertThat(metric(scrape, "incident_response_incidents_open", "SEV1")).as("two open SEV1 incidents").isEqualTo(2);
  }

  static double metric(String scrape, String name, String tagValue) {
    return scrape.lines().filter(l -> l.startsWith(name + "{") && l.contains("\"" + tagValue + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  @Order(2)
  void everyAlertAnswered2xxBeforeAKillIsThereAfterTheRestart() throws Exception {
    Set<String> answered = ConcurrentHashMap.newKeySet();
    AtomicInteger sent = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(3);
    for (int thread = 0; thread < 3; thread++) {
      int t = thread;
      senders.submit(() -> {
        for (int i = 0; i < 40 && node.alive(); i++) {
          try {
            sent.incrementAndGet();
            HttpResponse<String> response = alert("burst-" + t + "-" + i);
            if (response.statusCode() / 100 == 2) {
              answered.add(incidentNumber(response.body()));
            }
          } catch (IOException cutOff) {
            // the node died under this request: no 2xx, no promise
          }
        }
      });
    }
    ClusterIT.await(Duration.ofSeconds(90), () -> answered.size() >= 15);
    node.kill();
    senders.shutdown();
    assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    node.startAndAwaitReady(Duration.ofSeconds(150));
    Set<String> present = businessKeys();
    System.out.printf("IntakeFaultsIT: %d webhook calls sent, %d answered 2xx before kill -9, %d incidents after restart%n",
        sent.get(), answered.size(), present.size());
    assertThat(present).as("%d answered 2xx of %d sent before the kill", answered.size(), sent.get()).containsAll(answered);
    // and nothing doubled: one incident per business key
    assertThat(countDuplicateBusinessKeys()).isZero();

    // The rest of each start (decisions, triage task, page) is the job after Task_LogIncident, committed
    // with the answer: the restarted node runs it. A job that the killed node had locked waits for its
    // lock to expire (camunda.bpm.job-execution.lock-time-in-millis: 20 s here, 5 minutes by default).
    long restarted = System.nanoTime();
    ClusterIT.await(Duration.ofMinutes(2), () -> {
      try {
        return triaged().containsAll(answered);
      } catch (SQLException e) {
        return false;
      }
    });
    System.out.printf("IntakeFaultsIT: every answered incident had its triage task %d s after the restart%n",
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - restarted));
    assertThat(triaged()).as("incidents answered 2xx with their triage task after the restart").containsAll(answered);
  }

  /** Business keys of the incidents whose triage task exists (open or already done). */
  static Set<String> triaged() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
        PreparedStatement s = c.prepareStatement("select p.business_key_ from act_hi_taskinst t"
            + " join act_hi_procinst p on p.proc_inst_id_ = t.proc_inst_id_ where t.task_def_key_ = 'Task_TriageIncident'");
        ResultSet r = s.executeQuery()) {
      Set<String> keys = new java.util.HashSet<>();
      while (r.next()) {
        keys.add(r.getString(1));
      }
      return keys;
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------

  static HttpResponse<String> alert(String group) throws IOException {
    String body = """
        {"version":"4","groupKey":"{}:{alertname=\\"%1$s\\"}","status":"firing","receiver":"incident-response",
         "groupLabels":{"alertname":"%1$s"},"commonLabels":{"alertname":"%1$s","service":"checkout-api","severity":"critical"},
         "commonAnnotations":{"summary":"%1$s"},"externalURL":"http://alertmanager.example.org",
         "alerts":[{"status":"firing","labels":{"alertname":"%1$s","service":"checkout-api","severity":"critical"},
           "annotations":{"summary":"%1$s","description":"fault test"},"startsAt":"2026-11-29T20:51:03Z",
           "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.example.org/graph","fingerprint":"%2$s"}]}
        """.formatted(group, Integer.toHexString(group.hashCode()));
    return node.request("POST", "/api/alerts/alertmanager", null, body, Map.of("Authorization", "Bearer " + TOKEN));
  }

  static String incidentNumber(String body) {
    try {
      return AppNode.JSON.readTree(body).at("/incidents/0/incidentNumber").asText();
    } catch (IOException e) {
      throw new IllegalStateException(body, e);
    }
  }

  static long incidents() throws SQLException {
    return queryLong("select count(*) from act_hi_procinst where proc_def_key_ = 'incident-response'");
  }

  static Set<String> businessKeys() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
        PreparedStatement s = c.prepareStatement(
            "select business_key_ from act_hi_procinst where proc_def_key_ = 'incident-response'");
        ResultSet r = s.executeQuery()) {
      Set<String> keys = new java.util.HashSet<>();
      while (r.next()) {
        keys.add(r.getString(1));
      }
      return keys;
    }
  }

  static long countDuplicateBusinessKeys() throws SQLException {
    return queryLong("select count(*) from (select business_key_ from act_hi_procinst where proc_def_key_ = 'incident-response'"
        + " group by business_key_ having count(*) > 1) d");
  }

  /** Row counts of the intake's own tables (whatever schema.sql names them), to see nothing half-written. */
  static Map<String, Long> intakeRows() throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD)) {
      List<String> tables = new java.util.ArrayList<>();
      try (ResultSet r = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
        while (r.next()) {
          String name = r.getString("TABLE_NAME");
          if (!name.toLowerCase().startsWith("act_")) {
            tables.add(name);
          }
        }
      }
      for (String table : tables) {
        try (PreparedStatement s = c.prepareStatement("select count(*) from " + table); ResultSet r = s.executeQuery()) {
          r.next();
          rows.put(table, r.getLong(1));
        }
      }
    }
    return rows;
  }

  static long queryLong(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
        PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }
}
