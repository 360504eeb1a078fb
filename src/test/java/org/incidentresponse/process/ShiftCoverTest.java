package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.oncall.OnCall;
import org.incidentresponse.oncall.OnCallRole;
import org.incidentresponse.oncall.ShiftCover;
import org.incidentresponse.oncall.Team;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every path through "Cover an on-call shift" ({@code cover-oncall-shift}) on the quick start's
 * catalog, with the engine clock set: taken over, or refused at the start form. In the week from Monday 1 February 2027, 09:00 Berlin, carol
 * is primary and alice secondary for team payments (weekly since 5 January 2026: week 56). The covers
 * lie in 2027, so that they change nothing for the other tests of the shared engine.
 */
class ShiftCoverTest extends ProcessScenario {

  static final Instant MONDAY = Instant.parse("2027-02-01T10:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  @Autowired FormService formService;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired OnCall onCall;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void monday() {
    ClockUtil.setCurrentTime(Date.from(MONDAY));
  }

  /** The user takes over, from Tasklist's start form, the primary shift at that local time in Berlin. */
  ProcessInstance offer(String user, String start, String end) {
    Map<String, Object> form = new HashMap<>();
    form.put(ShiftCover.TEAM, "payments");
    form.put(ShiftCover.LAYER, "primary");
    form.put(ShiftCover.START_AT, start);
    form.put(ShiftCover.END_AT, end);
    form.put(ShiftCover.NOTE, "Carol has a <b>wedding</b> to go to");
    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(ShiftCover.PROCESS_KEY)
        .latestVersion().singleResult().getId();
    identityService.setAuthentication(user,
        identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList());
    ProcessInstance instance;
    try {
      instance = formService.submitStartForm(definition, form);
    } finally {
      identityService.clearAuthentication();
    }
    incidents.add(instance.getId());
    runDueJobs();
    return instance;
  }

  Team payments() {
    return onCall.catalog().team("payments").orElseThrow();
  }

  String primaryAt(String instant) {
    return onCall.at(payments(), OnCallRole.PRIMARY, Instant.parse(instant)).orElseThrow().user();
  }

  /** What {@code GET /api/oncall} answers a logged-in responder about the primary of payments at that instant. */
  String primaryFromApi(String instant) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/oncall?team=payments&at=" + instant))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("responder:responder".getBytes()))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("primary").path("user").asText();
  }

  long overrides() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM oncall_override", Long.class);
  }

  @Test
  void takenOver_theTakerIsOnCallAtOnceAndTheCoveredPersonIsTold() throws Exception {
    assertThat(primaryAt("2027-02-03T12:00:00Z")).isEqualTo("carol");

    ProcessInstance cover = offer("bob", "2027-02-03T12:00", "2027-02-03T18:00");

    assertThat(primaryAt("2027-02-03T10:59:00Z")).isEqualTo("carol");
    assertThat(primaryFromApi("2027-02-03T11:00:00Z")).isEqualTo("bob");
    assertThat(primaryFromApi("2027-02-03T16:59:00Z")).isEqualTo("bob");
    assertThat(primaryFromApi("2027-02-03T17:00:00Z")).isEqualTo("carol");
    assertThat(taskService.createTaskQuery().processInstanceId(cover.getId()).count()).as("nobody has to approve").isZero();
    assertThat(mailsTo("carol@example.org")).singleElement().satisfies(mail -> {
      assertThat(subject(mail)).isEqualTo("Shift covered: bob takes over your primary on-call shift (Payments)");
      assertThat(text(mail)).contains("from Wed 3 Feb 2027 12:00 (Europe/Berlin)")
          .contains("until Wed 3 Feb 2027 18:00 (Europe/Berlin)").contains("&lt;b&gt;wedding&lt;/b&gt;");
    });
    assertThat(mailsTo("bob@example.org")).as("the taker knows: they filled the form").isEmpty();

    var history = historyService.createHistoricProcessInstanceQuery().processInstanceId(cover.getId()).singleResult();
    assertThat(history.getStartUserId()).isEqualTo("bob");
    assertThat(history.getEndActivityId()).isEqualTo(ShiftCover.END);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(cover.getId())
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list())
        .extracting(activity -> activity.getActivityId())
        .containsExactly(ShiftCover.START, ShiftCover.TASK_CREATE_OVERRIDE, ShiftCover.TASK_TELL_COVERED_PERSON,
            ShiftCover.END);
    assertThat(variable(cover, ShiftCover.COVER_BY)).isEqualTo("bob");
    assertThat(variable(cover, ShiftCover.COVERED_USER)).isEqualTo("carol");
    assertThat(jdbc.queryForMap("SELECT user_id, created_by FROM oncall_override WHERE id = ?",
        variable(cover, ShiftCover.OVERRIDE_ID))).containsValues("bob", "bob");
  }

  @Test
  void aBadCoverIsRefusedWhereItWasTypedAndStartsNothing() {
    long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(ShiftCover.PROCESS_KEY).count();
    long overridesBefore = overrides();

    assertThatThrownBy(() -> offer("carol", "2027-02-02T14:00", "2027-02-02T15:00"))
        .hasMessageContaining("you are primary on call for team payments then yourself");
    assertThatThrownBy(() -> offer("bob", "2027-02-07T18:00", "2027-02-08T12:00"))
        .hasMessageContaining("spans the primary shifts of carol, alice: cover one person's shift at a time");
    assertThatThrownBy(() -> offer("commander", "2027-02-02T14:00", "2027-02-02T15:00"))
        .hasMessageContaining("only members of team payments");
    assertThatThrownBy(() -> offer("bob", "2027-02-03T18:00", "2027-02-03T12:00"))
        .hasMessageContaining("the cover must end after it starts");
    assertThatThrownBy(() -> offer("bob", "2027-01-03T12:00", "2027-01-03T18:00"))
        .hasMessageContaining("the cover must end in the future");
    assertThatThrownBy(() -> offer("bob", "next week", "2027-02-03T18:00"))
        .hasMessageContaining("'next week' is not a time");

    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(ShiftCover.PROCESS_KEY).count())
        .isEqualTo(before);
    assertThat(overrides()).isEqualTo(overridesBefore);
    assertThat(primaryAt("2027-02-02T13:00:00Z")).isEqualTo("carol");
    assertThat(mailsTo("carol@example.org")).isEmpty();
  }
}
