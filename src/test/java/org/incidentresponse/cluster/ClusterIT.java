package org.incidentresponse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.incidentresponse.postgres.PostgresTestDatabase;
import org.incidentresponse.sop.Sop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two app nodes, the packaged jar started as the Docker image starts it, on one fresh PostgreSQL
 * database, with a real SMTP server (GreenMail) in this JVM. The SOP is deployed from a copy of
 * bpmn/ and forms/ whose severity policy is fast (SEV1: acknowledge within 6 s), so that timers
 * fire in real time; stakeholder updates fire at minute boundaries (times are kept to the minute).
 * The cluster is started once; each test opens its own incidents and counts only their mail, finds
 * both nodes and SMTP up when it starts, and deletes its incidents when it ends.
 */
@Tag("postgres")
class ClusterIT {

  static final String ADMIN_PASSWORD = "cluster-" + UUID.randomUUID();
  static final String ADMIN = "admin:" + ADMIN_PASSWORD;
  static final String ACK_TIMEOUT_SECONDS = "6";
  static final String COMMANDER_MAIL = "commander1@example.org";

  static GreenMail smtp;
  static int smtpPort;
  static AppNode a;
  static AppNode b;
  static Path work;
  static boolean smtpStopped;

  /** The incidents (process instance ids) the running test opened: deleted after it. */
  final List<String> incidents = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    assumeTrue(PostgresTestDatabase.available(), "PostgreSQL does not answer on 127.0.0.1:5432: cluster test skipped");
    Path jar = AppNode.jar();
    assumeTrue(jar != null, "No packaged jar in target/: run ./mvnw verify (the cluster test needs the package phase)");
    work = Files.createDirectories(Path.of("target", "cluster-it"));
    Path sop = fastSop(Files.createTempDirectory(work, "sop"));
    smtpPort = AppNode.freePort();
    startSmtp();

    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPRING_PROFILES_ACTIVE", "postgres");
    env.put("SPRING_DATASOURCE_URL", PostgresTestDatabase.createDatabase("cluster"));
    env.put("SPRING_DATASOURCE_USERNAME", PostgresTestDatabase.USER);
    env.put("SPRING_DATASOURCE_PASSWORD", PostgresTestDatabase.PASSWORD);
    env.put("SPRING_MAIL_HOST", "127.0.0.1");
    env.put("SPRING_MAIL_PORT", String.valueOf(smtpPort));
    env.put("CAMUNDA_BPM_ADMIN_USER_ID", "admin");
    env.put("CAMUNDA_BPM_ADMIN_USER_PASSWORD", ADMIN_PASSWORD);
    env.put("INCIDENT_INTAKE_TOKENS", "cluster-it-token-" + UUID.randomUUID());
    env.put("INCIDENT_ACKNOWLEDGE_SECRET", "cluster-it-acknowledge-secret-" + java.util.UUID.randomUUID());
    env.put("INCIDENT_RESPONSE_SOP_LOCATION", "file:" + sop.toAbsolutePath() + "/");
    // Small heaps: two nodes and the build share a 2-core CI machine.
    // Fast retries for the SMTP fault (production: R5/PT1M): three attempts, two seconds apart.
    env.put("JAVA_TOOL_OPTIONS", "-Xmx384m -XX:TieredStopAtLevel=1"
        + " -Dcamunda.bpm.generic-properties.properties.failed-job-retry-time-cycle=R3/PT2S");
    a = new AppNode("node-a", env, work);
    b = new AppNode("node-b", env, work);
    // On an empty database the first node creates the schema (compose does the same with depends_on).
    a.startAndAwaitReady(Duration.ofSeconds(150));
    b.startAndAwaitReady(Duration.ofSeconds(150));
    createUsers();
  }

  /** A test that failed half-way may have left a node killed or SMTP stopped. */
  @BeforeEach
  void clusterIsUp() throws Exception {
    for (AppNode node : new AppNode[] {a, b}) {
      if (!node.alive()) {
        node.startAndAwaitReady(Duration.ofSeconds(150));
      }
    }
    if (smtpStopped) {
      startSmtp();
    }
  }

  /** Deleted, so that their timers send nothing during the next test. */
  @AfterEach
  void deleteIncidents() throws Exception {
    AppNode node = a.alive() ? a : b;
    for (String instance : incidents) {
      if (!list(node, "/engine-rest/process-instance?processInstanceId=" + instance).isEmpty()) {
        delete(node, "/engine-rest/process-instance/" + instance);
      }
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (AppNode node : new AppNode[] {a, b}) {
      if (node != null) {
        node.stop();
      }
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void eachAcknowledgementEscalationIsMailedOnceAcrossTheCluster() throws Exception {
    String incident = startIncident(a, "Checkout API down", "high", "high");
    Instant started = Instant.now();
    // Unclaimed: the acknowledgement timeout escalates every 6 s; let it fire at least three times.
    await(Duration.ofSeconds(60), () -> completed(b, incident, "Task_EscalateUnacknowledged").size() >= 3);
    Task triage = openTask(a, incident, "Task_TriageIncident");
    post(a, "/engine-rest/task/" + triage.id + "/claim", Map.of("userId", "responder1"), 204);
    // Let any escalation already in flight finish, then compare.
    Thread.sleep(3000);
    awaitNoJobsRunning(b, incident);
    List<Map<String, Object>> escalations = completed(b, incident, "Task_EscalateUnacknowledged");
    Duration elapsed = Duration.between(started, Instant.now());
    assertThat(escalations.size())
        .as("escalations in %s at one per %s s", elapsed, ACK_TIMEOUT_SECONDS)
        .isBetween(3, (int) (elapsed.toSeconds() / Long.parseLong(ACK_TIMEOUT_SECONDS)) + 1);
    List<Instant> starts = escalations.stream().map(e -> OffsetDateTime.parse(
        ((String) e.get("startTime")).replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant()).sorted().toList();
    for (int i = 1; i < starts.size(); i++) {
      assertThat(Duration.between(starts.get(i - 1), starts.get(i)))
          .as("escalation %d follows the one before after a full timeout (no double firing)", i)
          .isGreaterThan(Duration.ofSeconds(Long.parseLong(ACK_TIMEOUT_SECONDS) - 2));
    }
    assertOneMailPerNotification(incident, COMMANDER_MAIL);
    // Which node sent them does not matter; that both nodes' executors took part is likely, not required.
  }

  @Test
  void aTaskClaimedOnOneNodeShowsClaimedOnTheOther() throws Exception {
    String incident = startIncident(a, "Search results empty", "high", "high");
    post(a, "/engine-rest/task/" + openTask(a, incident, "Task_TriageIncident").id + "/claim",
        Map.of("userId", "responder1"), 204);
    Task onA = openTask(a, incident, "Task_TriageIncident");
    Task onB = openTask(b, incident, "Task_TriageIncident");
    assertThat(onA.assignee).isEqualTo("responder1");
    assertThat(onB.id).isEqualTo(onA.id);
    assertThat(onB.assignee).as("claimed on node A, seen on node B").isEqualTo("responder1");
    // And the other way round: unclaim on B, claim on B for someone else, read on A.
    post(b, "/engine-rest/task/" + onB.id + "/unclaim", null, 204);
    post(b, "/engine-rest/task/" + onB.id + "/claim", Map.of("userId", "responder2"), 204);
    assertThat(openTask(a, incident, "Task_TriageIncident").assignee).isEqualTo("responder2");
  }

  @Test
  void theProductionProfileHasNoDemoUsersOrTokensAndEverythingNeedsCredentials() throws Exception {
    assertThat(list(a, "/engine-rest/user?id=responder")).as("no demo users outside demo").isEmpty();
    assertThat(list(a, "/engine-rest/user?id=auditor")).isEmpty();
    assertThat(a.request("GET", "/engine-rest/process-instance", null, null).statusCode()).isEqualTo(401);
    assertThat(a.request("GET", "/api/incidents", null, null).statusCode()).isEqualTo(401);
    assertThat(a.request("POST", "/api/incidents", null, Map.of("title", "x"),
        Map.of("Authorization", "Bearer demo-intake-token")).statusCode()).as("the demo token is not valid here").isEqualTo(401);
    assertThat(a.request("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
    assertThat(a.request("GET", "/actuator/env", ADMIN, null).statusCode()).isEqualTo(404);
    assertThat(a.request("GET", "/camunda/api/engine/engine/default/task/count", null, null).statusCode()).isIn(401, 403);
    // Last: a wrong password delays the admin's next logins (Camunda's brute-force protection).
    assertThat(a.request("GET", "/engine-rest/process-instance", "admin:admin", null).statusCode())
        .as("no admin/admin outside demo").isEqualTo(401);
    // The next test logs in as the admin: wait until the delay is over.
    await(Duration.ofSeconds(70), () -> adminLogsIn(a));
  }

  @Test
  void sessionCookiesAreSecureBehindATlsProxy() throws Exception {
    // The postgres profile trusts X-Forwarded-Proto from a proxy on a private or loopback address.
    String overTls = a.request("GET", "/camunda/app/cockpit/default/", null, null, Map.of("X-Forwarded-Proto", "https"))
        .headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID")).findFirst().orElseThrow();
    assertThat(overTls).contains("Secure").contains("HttpOnly");
    String plain = a.request("GET", "/camunda/app/cockpit/default/", null, null)
        .headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID")).findFirst().orElseThrow();
    assertThat(plain).doesNotContain("Secure");
  }

  @Test
  void updatesKeepFiringOnceWhenANodeIsKilledAndNothingIsLostAfterItsRestart() throws Exception {
    String incident = startIncident(a, "Checkout API down", "high", "high");
    // Work the incident into the response phase: from here a stakeholder update is due every minute.
    complete(a, incident, "Task_TriageIncident", Map.of("triageNotes", "Confirmed"));
    complete(b, incident, "Task_ClassifyIncident", Map.of("severity", "SEV1"));
    complete(a, incident, "Task_AssignResponseTeam",
        Map.of("incidentCommander", "commander1", "responseTeam", "responder1", "communicationsLead", "comms1"));
    complete(b, incident, "Task_EstablishTimeline", Map.of("workaroundNeeded", false));
    await(Duration.ofSeconds(100), () -> completed(a, incident, "Task_SendStakeholderUpdate").size() >= 1);

    // kill -9 node A mid-incident, right after an update went out.
    a.kill();
    int updatesBefore = completed(b, incident, "Task_SendStakeholderUpdate").size();
    await(Duration.ofSeconds(100), () -> completed(b, incident, "Task_SendStakeholderUpdate").size() > updatesBefore);

    // Restart node A; the cluster goes on with nothing lost and nothing doubled.
    a.startAndAwaitReady(Duration.ofSeconds(150));
    awaitNoJobsRunning(b, incident);
    assertThat(list(a, "/engine-rest/process-instance?businessKey=" + number(incident))).hasSize(1);
    assertThat(list(a, "/engine-rest/task?processInstanceId=" + incident + "&taskDefinitionKey=Task_ResolveIncident")).hasSize(1);
    assertThat(list(b, "/engine-rest/task?processInstanceId=" + incident + "&taskDefinitionKey=Task_ProvideStatusUpdate"))
        .as("one status note asked for at a time").hasSize(1);
    assertThat(list(a, "/engine-rest/incident?processInstanceId=" + incident)).as("no failed jobs").isEmpty();
    List<Map<String, Object>> updates = completed(a, incident, "Task_SendStakeholderUpdate");
    List<Map<String, Object>> timers = completed(a, incident, "Timer_StakeholderUpdateDue");
    assertThat(updates).as("one update per update timer firing").hasSize(timers.size());
    assertOneMailPerNotification(incident, COMMANDER_MAIL);
    assertOneMailPerNotification(incident, "comms1@example.org");
  }

  @Test
  void smtpDownNotificationBecomesACockpitIncidentAndARetrySendsItOnceSmtpIsBack() throws Exception {
    double failedBefore = failedNotificationsCounted(a) + failedNotificationsCounted(b);
    stopSmtp();
    // SMTP down: health says so (to an administrator), but the nodes stay ready.
    HttpResponse<String> health = a.request("GET", "/actuator/health", ADMIN, null);
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(AppNode.JSON.readTree(health.body()).at("/components/mail/status").asText()).isEqualTo("DOWN");
    assertThat(AppNode.JSON.readTree(health.body()).at("/components/db/status").asText()).isEqualTo("UP");
    assertThat(a.request("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    String second = startIncident(b, "Payments queue stuck", "low", "low");
    complete(a, second, "Task_TriageIncident", Map.of("triageNotes", "Confirmed"));
    complete(b, second, "Task_ClassifyIncident", Map.of("severity", "SEV4"));
    // Task_NotifyStakeholders cannot reach SMTP: its job retries, then shows as an incident.
    String failedIncidents = "/engine-rest/incident?processInstanceId=" + second;
    await(Duration.ofSeconds(120), () -> list(a, failedIncidents).stream()
        .anyMatch(i -> "Task_NotifyStakeholders".equals(i.get("activityId"))));
    Map<String, Object> failed = list(a, failedIncidents).stream()
        .filter(i -> "Task_NotifyStakeholders".equals(i.get("activityId"))).findFirst().orElseThrow();
    assertThat(failed.get("incidentType")).isEqualTo("failedJob");
    assertThat(list(b, "/engine-rest/process-instance?processInstanceId=" + second)).as("the incident is not lost").hasSize(1);
    String job = (String) failed.get("configuration");
    assertThat(failedNotificationsCounted(a) + failedNotificationsCounted(b) - failedBefore)
        .as("incident_response_notifications_failed_total across the cluster").isGreaterThanOrEqualTo(3);

    startSmtp();
    request(b, "PUT", "/engine-rest/job/" + job + "/retries", Map.of("retries", 1), 204);
    // Any other notification that failed meanwhile (the responders' page) is retried the same way.
    await(Duration.ofSeconds(30), () -> list(a, failedIncidents).stream()
        .noneMatch(i -> "Task_NotifyStakeholders".equals(i.get("activityId"))));
    for (Map<String, Object> other : list(a, failedIncidents)) {
      request(a, "PUT", "/engine-rest/job/" + other.get("configuration") + "/retries", Map.of("retries", 1), 204);
    }
    await(Duration.ofSeconds(60), () -> completed(a, second, "Task_NotifyStakeholders").size() == 1);
    await(Duration.ofSeconds(60), () -> list(a, failedIncidents).isEmpty());
    await(Duration.ofSeconds(10), () -> mailsTo("comms1@example.org", second) >= 1);
    assertThat(mailsTo("comms1@example.org", second)).as("the retried notification, once").isEqualTo(1);
    assertThat(openTask(a, second, "Task_AssignResponseTeam")).isNotNull();
  }

  // ---- helpers -------------------------------------------------------------------------------

  static boolean adminLogsIn(AppNode node) {
    try {
      return node.request("GET", "/engine-rest/process-instance/count", ADMIN, null).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  static void startSmtp() {
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    smtpStopped = false;
  }

  static void stopSmtp() {
    smtpStopped = true;
    smtp.stop();
  }

  static double failedNotificationsCounted(AppNode node) throws IOException {
    String scrape = request(node, "GET", "/actuator/prometheus", null, 200).body();
    double total = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("incident_response_notifications_failed_total{") && line.contains("template=\"initial\"")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /** Copies bpmn/ and forms/ and makes the SEV1 policy fast enough for a real-time test. */
  static Path fastSop(Path target) throws IOException {
    for (String folder : new String[] {"bpmn", "forms"}) {
      Path source = Path.of(folder);
      if (!Files.isDirectory(source)) {
        continue;
      }
      Files.createDirectories(target.resolve(folder));
      try (Stream<Path> files = Files.list(source)) {
        for (Path file : files.toList()) {
          String text = Files.readString(file);
          if (text.contains("id=\"" + Sop.DECISION_POLICY + "\"")) {
            text = policy(text, "SEV1_ackTimeout", "PT" + ACK_TIMEOUT_SECONDS + "S");
            text = policy(text, "SEV1_updateCadence", "PT10S");
          }
          if (file.getFileName().toString().endsWith(".bpmn")) {
            // Fast retries for the SMTP fault: three attempts, two seconds apart.
            text = text.replaceAll("(<camunda:failedJobRetryTimeCycle>)[^<]*(</camunda:failedJobRetryTimeCycle>)", "$1R3/PT2S$2");
          }
          Files.writeString(target.resolve(folder).resolve(file.getFileName()), text);
        }
      }
    }
    return target;
  }

  private static String policy(String dmn, String rule, String duration) {
    String replaced = dmn.replaceAll("(id=\"Rule_Policy_" + rule + "\"><text>)\"[^\"]*\"", "$1\"" + duration + "\"");
    assertThat(replaced).as("severity-policy rule %s found", rule).isNotEqualTo(dmn);
    return replaced;
  }

  static void createUsers() throws IOException {
    String[][] users = {
        {"responder1", "responders"}, {"responder2", "responders"}, {"commander1", "incident-commanders"},
        {"comms1", "communications"}, {"owner1", "process-owners"}};
    for (String[] user : users) {
      HttpResponse<String> group = a.request("GET", "/engine-rest/group/" + user[1], ADMIN, null);
      if (group.statusCode() == 404) {
        request(a, "POST", "/engine-rest/group/create", Map.of("id", user[1], "name", user[1], "type", "WORKFLOW"), 204);
      }
      request(a, "POST", "/engine-rest/user/create", Map.of(
          "profile", Map.of("id", user[0], "firstName", user[0], "lastName", "Test", "email", user[0] + "@example.org"),
          "credentials", Map.of("password", "pw-" + UUID.randomUUID())), 204);
      request(a, "PUT", "/engine-rest/group/" + user[1] + "/members/" + user[0], null, 204);
    }
  }

  /** Opens an incident through the REST API; returns its process instance id, deleted after the test. */
  String startIncident(AppNode node, String title, String impact, String urgency) throws IOException, InterruptedException {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("title", Map.of("value", title));
    variables.put("description", Map.of("value", "Cluster test"));
    variables.put("service", Map.of("value", "checkout-api"));
    variables.put("impact", Map.of("value", impact));
    variables.put("urgency", Map.of("value", urgency));
    variables.put("customerImpact", Map.of("value", false));
    HttpResponse<String> response = request(node, "POST",
        "/engine-rest/process-definition/key/incident-response/start", Map.of("variables", variables), 200);
    String id = (String) AppNode.JSON.readValue(response.body(), Map.class).get("id");
    incidents.add(id);
    // Task_LogIncident is asynchronous after: the triage task comes from a job, on either node.
    await(Duration.ofSeconds(60), () -> count(node, "/engine-rest/job/count?activityId=Task_LogIncident&processInstanceId=" + id) == 0);
    return id;
  }

  /** The incident number (business key), which every notification's subject carries. */
  static String number(String instance) {
    List<Map<String, Object>> history = list(b, "/engine-rest/history/process-instance?processInstanceId=" + instance);
    assertThat(history).as("history of %s", instance).hasSize(1);
    return (String) history.get(0).get("businessKey");
  }

  static void complete(AppNode node, String instance, String step, Map<String, Object> values) throws Exception {
    await(Duration.ofSeconds(60), () -> !list(node, "/engine-rest/task?processInstanceId=" + instance
        + "&taskDefinitionKey=" + step).isEmpty());
    Task task = openTask(node, instance, step);
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    // A timer job of the same incident may commit on the other node at the same moment: the engine then
    // rolls the completion back with an optimistic-locking conflict, and the responder submits again.
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response = node.request("POST", "/engine-rest/task/" + task.id + "/complete", ADMIN,
          Map.of("variables", variables));
      boolean conflict = response.statusCode() == 500 && response.body().contains("updated by another transaction concurrently");
      if (!conflict || attempt == 3) {
        assertThat(response.statusCode()).as("complete %s on %s: %s", step, node.name, response.body()).isEqualTo(204);
        return;
      }
    }
  }

  record Task(String id, String assignee) {}

  static Task openTask(AppNode node, String instance, String step) {
    List<Map<String, Object>> tasks = list(node, "/engine-rest/task?processInstanceId=" + instance + "&taskDefinitionKey=" + step);
    assertThat(tasks).as("open %s on %s", step, node.name).hasSize(1);
    return new Task((String) tasks.get(0).get("id"), (String) tasks.get(0).get("assignee"));
  }

  static List<Map<String, Object>> completed(AppNode node, String instance, String activity) {
    return list(node, "/engine-rest/history/activity-instance?processInstanceId=" + instance
        + "&activityId=" + activity + "&finished=true");
  }

  /** Every notification that reached this recipient's groups was mailed exactly once. */
  static void assertOneMailPerNotification(String instance, String recipient) {
    int notifications = 0;
    for (String step : new String[] {"Task_EscalateUnacknowledged", "Task_NotifyPolicyExhausted", "Task_NotifyStakeholders",
        "Task_CommunicateTimeline", "Task_SendStakeholderUpdate"}) {
      notifications += completed(b, instance, step).size();
    }
    if (!COMMANDER_MAIL.equals(recipient)) {
      // Without a catalog team, escalations after the first page and the exhausted policy go to the commanders only.
      notifications -= completed(b, instance, "Task_EscalateUnacknowledged").size();
      notifications -= completed(b, instance, "Task_NotifyPolicyExhausted").size();
    }
    assertThat(mailsTo(recipient, instance)).as("mails to %s, one per notification sent", recipient)
        .isEqualTo(notifications);
  }

  /** Mails to this recipient about this incident: the subject names its number. */
  static int mailsTo(String address, String instance) {
    GreenMailUser user = smtp.getUserManager().getUserByEmail(address);
    if (user == null) {
      return 0;
    }
    Pattern about = Pattern.compile("(^|\\s)" + Pattern.quote(number(instance)) + "\\s");
    try {
      return (int) smtp.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
          .filter(message -> {
            try {
              return about.matcher(message.getMimeMessage().getSubject()).find();
            } catch (MessagingException e) {
              throw new IllegalStateException(e);
            }
          }).count();
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }

  static void awaitNoJobsRunning(AppNode node, String instance) throws Exception {
    // The incident's jobs that are due now (not future timers) and have retries left: wait until the executors drained them.
    await(Duration.ofSeconds(30), () -> count(node, "/engine-rest/job/count?executable=true&processInstanceId=" + instance) == 0);
  }

  static long count(AppNode node, String path) {
    try {
      return ((Number) AppNode.JSON.readValue(request(node, "GET", path, null, 200).body(), Map.class).get("count")).longValue();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Map<String, Object>> list(AppNode node, String path) {
    try {
      return AppNode.JSON.readValue(request(node, "GET", path, null, 200).body(),
          new TypeReference<List<Map<String, Object>>>() {});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void post(AppNode node, String path, Object body, int expected) throws IOException {
    request(node, "POST", path, body == null ? Map.of() : body, expected);
  }

  static void delete(AppNode node, String path) throws IOException {
    request(node, "DELETE", path, null, 204);
  }

  static HttpResponse<String> request(AppNode node, String method, String path, Object body, int expected) throws IOException {
    HttpResponse<String> response = node.request(method, path, ADMIN, body);
    assertThat(response.statusCode()).as("%s %s on %s: %s", method, path, node.name, response.body()).isEqualTo(expected);
    return response;
  }

  static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    List<Throwable> errors = new ArrayList<>();
    while (Instant.now().isBefore(deadline)) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException | AssertionError e) {
        errors.add(e);
      }
      Thread.sleep(500);
    }
    throw new AssertionError("condition not met within " + timeout
        + (errors.isEmpty() ? "" : "; last error: " + errors.get(errors.size() - 1)));
  }
}
