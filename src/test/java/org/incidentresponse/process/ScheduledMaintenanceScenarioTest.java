package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.statuspage.ScheduledMaintenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path through {@code scheduled-maintenance}, with the engine clock moved: announced at once,
 * a reminder an hour before, the components under maintenance during the window and back after it;
 * completed early or extended from Tasklist's task; scheduled at short notice (no separate reminder);
 * refused input. Subscribers of the components get each update once, others none.
 */
@Tag("postgres")
class ScheduledMaintenanceScenarioTest extends ProcessScenario {

  private static final Instant WINDOW_START = Instant.parse("2026-12-01T22:00:00Z");
  private static final Instant WINDOW_END = Instant.parse("2026-12-02T00:00:00Z");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private String billingFan;
  private String searchFan;

  @BeforeEach
  void subscribers() {
    // Confirmed subscribers as the double opt-in leaves them (StatusPageSubscriptionTest proves the opt-in).
    billingFan = "billing-" + run + "@example.net";
    searchFan = "search-" + run + "@example.net";
    subscriber(billingFan, "billing");
    subscriber(searchFan, "search");
  }

  @Test
  void announcedRemindedUnderMaintenanceDuringTheWindowAndBackAfterIt() throws Exception {
    String title = "Billing database upgrade " + run;
    ProcessInstance maintenance = schedule(title, "billing", "2026-12-01T22:00Z", "2026-12-02T00:00Z");

    String id = maintenanceId(maintenance);
    assertThat(state(id)).isEqualTo("scheduled");
    assertThat(subjects(billingFan)).containsExactly("Example Corp status: Maintenance scheduled: " + title);
    assertThat(mailsTo(searchFan)).as("another component").isEmpty();
    assertThat(get("/status").body()).contains("Scheduled maintenance", title);
    assertThat(names(getJson("/status/api/v2/scheduled-maintenances/upcoming.json"))).contains(title);
    assertThat(componentStatus("billing")).isEqualTo("operational");
    assertThat(timerActivities(maintenance)).containsExactly(ScheduledMaintenance.TIMER_REMINDER);

    advanceTo(WINDOW_START.minus(Duration.ofHours(1)));
    assertThat(subjects(billingFan)).hasSize(2).last().isEqualTo("Example Corp status: Maintenance scheduled: " + title);
    assertThat(body(mailsTo(billingFan).get(1))).contains("Reminder: the scheduled maintenance of Billing starts in an hour.");
    assertThat(timerActivities(maintenance)).containsExactly(ScheduledMaintenance.TIMER_START);

    advanceTo(WINDOW_START);
    assertThat(state(id)).isEqualTo("in_progress");
    assertThat(componentStatus("billing")).isEqualTo("under_maintenance");
    assertThat(componentStatus("search")).isEqualTo("operational");
    JsonNode summary = getJson("/status/api/v2/summary.json");
    assertThat(summary.at("/status/indicator").asText()).isEqualTo("maintenance");
    assertThat(summary.at("/scheduled_maintenances/0/name").asText()).isEqualTo(title);
    assertThat(summary.at("/scheduled_maintenances/0/scheduled_for").asText()).isEqualTo("2026-12-01T22:00:00.000Z");
    assertThat(names(getJson("/status/api/v2/scheduled-maintenances/active.json"))).contains(title);
    assertThat(get("/status").body()).contains("Maintenance in progress");
    assertThat(subjects(billingFan)).hasSize(3).last().isEqualTo("Example Corp status: Maintenance in progress: " + title);
    assertThat(task(maintenance, ScheduledMaintenance.TASK_CONCLUDE).getDueDate().toInstant()).isEqualTo(WINDOW_END);

    advanceTo(WINDOW_END);
    assertThat(state(id)).isEqualTo("completed");
    assertThat(componentStatus("billing")).isEqualTo("operational");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(maintenance.getId()).count()).isZero();
    assertThat(subjects(billingFan)).hasSize(4).last().isEqualTo("Example Corp status: Maintenance completed: " + title);
    assertThat(mailsTo(searchFan)).isEmpty();

    JsonNode all = getJson("/status/api/v2/scheduled-maintenances.json");
    JsonNode mine = find(all, title);
    assertThat(mine.get("status").asText()).isEqualTo("completed");
    assertThat(mine.get("impact").asText()).isEqualTo("maintenance");
    assertThat(mine.get("incident_updates")).hasSize(4);
    List<String> feedTitles = new SyndFeedInput().build(new StringReader(get("/status/feed.atom").body()))
        .getEntries().stream().map(SyndEntry::getTitle).filter(t -> t.endsWith(title)).toList();
    assertThat(feedTitles).containsExactly("Maintenance completed: " + title, "Maintenance in progress: " + title,
        "Maintenance scheduled: " + title, "Maintenance scheduled: " + title);
    assertThat(get("/status/maintenances/" + id).body()).contains(title, "is complete");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM status_delivery WHERE sent_at IS NULL").query(Integer.class).single())
        .as("nothing left to send twice").isZero();
  }

  @Test
  void completedEarlyFromTasklistWithItsOwnText() throws Exception {
    String title = "Search index rebuild " + run;
    ProcessInstance maintenance = schedule(title, "search", "2026-12-01T22:00Z", "2026-12-02T00:00Z");
    advanceTo(WINDOW_START);
    assertThat(componentStatus("search")).isEqualTo("under_maintenance");
    advance(Duration.ofMinutes(30));

    complete(maintenance, ScheduledMaintenance.TASK_CONCLUDE, "comms",
        Map.of(ScheduledMaintenance.DECISION, "complete", ScheduledMaintenance.UPDATE, "Done early: search is faster now."));

    String id = maintenanceId(maintenance);
    assertThat(state(id)).isEqualTo("completed");
    assertThat(componentStatus("search")).isEqualTo("operational");
    assertThat(until(id)).isEqualTo(WINDOW_START.plus(Duration.ofMinutes(30)));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(maintenance.getId()).count()).isZero();
    assertThat(subjects(searchFan)).containsExactly("Example Corp status: Maintenance scheduled: " + title,
        "Example Corp status: Maintenance scheduled: " + title, "Example Corp status: Maintenance in progress: " + title,
        "Example Corp status: Maintenance completed: " + title);
    assertThat(body(mailsTo(searchFan).get(3))).contains("Done early: search is faster now.");
    assertThat(mailsTo(billingFan)).isEmpty();
  }

  @Test
  void extendedThenEndsAtTheNewEnd() throws Exception {
    String title = "Billing migration " + run;
    ProcessInstance maintenance = schedule(title, "billing", "2026-12-01T22:00Z", "2026-12-02T00:00Z");
    advanceTo(WINDOW_START.plus(Duration.ofHours(1)));

    // A new end before the current one is refused where it was typed; the task stays open.
    assertThatThrownBy(() -> complete(maintenance, ScheduledMaintenance.TASK_CONCLUDE, "comms",
        Map.of(ScheduledMaintenance.DECISION, "extend", ScheduledMaintenance.EXTENDED_UNTIL, "2026-12-01T23:30Z")))
        .hasMessageContaining("the new end must be after the current end");
    complete(maintenance, ScheduledMaintenance.TASK_CONCLUDE, "comms",
        Map.of(ScheduledMaintenance.DECISION, "extend", ScheduledMaintenance.EXTENDED_UNTIL, "2026-12-02T01:00Z"));

    String id = maintenanceId(maintenance);
    assertThat(until(id)).isEqualTo(Instant.parse("2026-12-02T01:00:00Z"));
    assertThat(body(mailsTo(billingFan).get(3)))
        .contains("takes longer than planned; it is now expected to end by 2 Dec 2026, 01:00 UTC.");
    assertThat(task(maintenance, ScheduledMaintenance.TASK_CONCLUDE).getDueDate().toInstant())
        .isEqualTo(Instant.parse("2026-12-02T01:00:00Z"));

    advanceTo(WINDOW_END.plus(Duration.ofMinutes(30)));
    assertThat(state(id)).as("the old end has passed, the new one not").isEqualTo("in_progress");
    assertThat(componentStatus("billing")).isEqualTo("under_maintenance");

    advanceTo(Instant.parse("2026-12-02T01:00:00Z"));
    assertThat(state(id)).isEqualTo("completed");
    assertThat(componentStatus("billing")).isEqualTo("operational");
    assertThat(subjects(billingFan)).hasSize(5).last().isEqualTo("Example Corp status: Maintenance completed: " + title);
  }

  @Test
  void atShortNoticeTheAnnouncementIsTheReminder() throws Exception {
    String title = "Sign-in certificate rotation " + run;
    ProcessInstance maintenance = schedule(title, "billing,search", "2026-11-30T10:30Z", "2026-11-30T10:45Z");
    assertThat(subjects(billingFan)).containsExactly("Example Corp status: Maintenance scheduled: " + title);

    advance(Duration.ofMinutes(30));
    String id = maintenanceId(maintenance);
    assertThat(state(id)).isEqualTo("in_progress");
    assertThat(subjects(billingFan)).containsExactly("Example Corp status: Maintenance scheduled: " + title,
        "Example Corp status: Maintenance in progress: " + title);
    assertThat(subjects(searchFan)).hasSize(2);

    advance(Duration.ofMinutes(15));
    assertThat(state(id)).isEqualTo("completed");
    assertThat(subjects(searchFan)).hasSize(3);
  }

  @Test
  void badInputIsRefusedAtTheStartAndNothingIsAnnounced() {
    Map<String, Object> vars = form("Unknown component " + run, "payroll", "2026-12-01T22:00Z", "2026-12-02T00:00Z");
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ScheduledMaintenance.PROCESS_KEY, vars))
        .hasMessageContaining("there is no component 'payroll' on the status page");
    Map<String, Object> backwards = form("Backwards " + run, "billing", "2026-12-02T00:00Z", "2026-12-01T22:00Z");
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ScheduledMaintenance.PROCESS_KEY, backwards))
        .hasMessageContaining("the window must end after it starts");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM status_maintenance WHERE title LIKE ?").param("%" + run)
        .query(Integer.class).single()).isZero();
    assertThat(mailsTo(billingFan)).isEmpty();
  }

  /** As Tasklist's start form submits it: strings, the times in form-js's UTC format. */
  private static Map<String, Object> form(String title, String components, String startsAt, String endsAt) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(ScheduledMaintenance.TITLE, title);
    vars.put(ScheduledMaintenance.MESSAGE, "We are upgrading the database behind it. Expect short interruptions.");
    vars.put(ScheduledMaintenance.COMPONENTS, components);
    vars.put(ScheduledMaintenance.STARTS_AT, startsAt);
    vars.put(ScheduledMaintenance.ENDS_AT, endsAt);
    return vars;
  }

  private ProcessInstance schedule(String title, String components, String startsAt, String endsAt) {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(ScheduledMaintenance.PROCESS_KEY,
        form(title, components, startsAt, endsAt));
    incidents.add(instance.getId());
    runDueJobs();
    return instance;
  }

  private void advanceTo(Instant when) {
    advance(Duration.between(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(), when));
  }

  private void subscriber(String email, String component) {
    jdbc.sql("""
        INSERT INTO status_subscriber (id, email, components, token, created_at, confirmed_at)
        VALUES (?, ?, ?, ?, ?, ?)""").params(UUID.randomUUID().toString().substring(0, 16), email, component,
        UUID.randomUUID().toString(), java.sql.Timestamp.from(START), java.sql.Timestamp.from(START))
        .update();
  }

  private String maintenanceId(ProcessInstance instance) {
    return jdbc.sql("SELECT id FROM status_maintenance WHERE process_instance_id = ?").param(instance.getId())
        .query(String.class).single();
  }

  private String state(String id) {
    return jdbc.sql("SELECT state FROM status_maintenance WHERE id = ?").param(id).query(String.class).single();
  }

  private Instant until(String id) {
    return jdbc.sql("SELECT scheduled_until FROM status_maintenance WHERE id = ?").param(id)
        .query(java.sql.Timestamp.class).single().toInstant();
  }

  /** The text as the subscriber reads it (decoded, no quoted-printable line breaks). */
  private static String body(jakarta.mail.internet.MimeMessage mail) throws Exception {
    return (String) mail.getContent();
  }

  private static List<String> subjects(String address) {
    return mailsTo(address).stream().map(ProcessScenario::subject).toList();
  }

  private String componentStatus(String component) throws Exception {
    for (JsonNode node : getJson("/status/api/v2/components.json").get("components")) {
      if (node.get("id").asText().equals(component)) {
        return node.get("status").asText();
      }
    }
    throw new AssertionError("no component " + component);
  }

  private static List<String> names(JsonNode page) {
    return page.get("scheduled_maintenances").findValuesAsText("name");
  }

  private static JsonNode find(JsonNode page, String title) {
    for (JsonNode node : page.get("scheduled_maintenances")) {
      if (node.get("name").asText().equals(title)) {
        return node;
      }
    }
    throw new AssertionError("no maintenance " + title + " in " + page);
  }

  private JsonNode getJson(String path) throws Exception {
    return json.readTree(get(path).body());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
