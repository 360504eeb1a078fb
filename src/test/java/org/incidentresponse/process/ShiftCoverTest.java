package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.incidentresponse.oncall.OnCall;
import org.incidentresponse.oncall.OnCallRole;
import org.incidentresponse.oncall.ShiftCover;
import org.incidentresponse.oncall.Team;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every path through "Cover an on-call shift" ({@code cover-oncall-shift}) on the quick start's
 * catalog, with the engine clock moved. In the week from Monday 1 February 2027, 09:00 Berlin, carol
 * is primary and alice secondary for team payments (weekly since 5 January 2026: week 56). The covers
 * lie in 2027, so that they change nothing for the other tests of the shared engine.
 */
class ShiftCoverTest extends ProcessScenario {

  static final Instant MONDAY = Instant.parse("2027-02-01T10:00:00Z");

  @Autowired FormService formService;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired OnCall onCall;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void monday() {
    ClockUtil.setCurrentTime(Date.from(MONDAY));
  }

  /** Bob offers, from Tasklist's start form, to cover the primary shift at that local time in Berlin. */
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

  Task answerTask(ProcessInstance instance) {
    return task(instance, ShiftCover.TASK_ANSWER);
  }

  @Test
  void accepted_theCoveringResponderIsOnCallForThatTimeAndBothAreTold() {
    assertThat(primaryAt("2027-02-03T12:00:00Z")).isEqualTo("carol");

    ProcessInstance cover = offer("bob", "2027-02-03T12:00", "2027-02-03T18:00");

    Task answer = answerTask(cover);
    assertThat(answer.getAssignee()).isEqualTo("carol");
    assertThat(answer.getDueDate()).isEqualTo(Date.from(Instant.parse("2027-02-03T11:00:00Z")));
    assertThat(mailsTo("carol@example.org")).singleElement().satisfies(mail -> {
      assertThat(subject(mail)).isEqualTo("bob offers to cover your primary on-call shift (Payments)");
      assertThat(text(mail)).contains("from Wed 3 Feb 2027 12:00 (Europe/Berlin)")
          .contains("until Wed 3 Feb 2027 18:00 (Europe/Berlin)").contains("&lt;b&gt;wedding&lt;/b&gt;");
    });
    assertThat(primaryAt("2027-02-03T12:00:00Z")).as("nothing changes before carol answers").isEqualTo("carol");

    taskService.complete(answer.getId(), Map.of(ShiftCover.ANSWER, "accept"));
    runDueJobs();

    assertThat(primaryAt("2027-02-03T11:00:00Z")).isEqualTo("bob");
    assertThat(primaryAt("2027-02-03T16:59:00Z")).isEqualTo("bob");
    assertThat(primaryAt("2027-02-03T17:00:00Z")).isEqualTo("carol");
    assertThat(jdbc.queryForObject("SELECT created_by FROM oncall_override WHERE id = ?", String.class,
        variable(cover, ShiftCover.OVERRIDE_ID))).isEqualTo("bob");
    for (String address : List.of("bob@example.org", "carol@example.org")) {
      assertThat(mailsTo(address)).anySatisfy(mail -> assertThat(subject(mail))
          .isEqualTo("Shift covered: bob is primary on call for Payments from Wed 3 Feb 2027 12:00 (Europe/Berlin)"));
    }
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(cover.getId()).singleResult()
        .getEndActivityId()).isEqualTo("EndEvent_ShiftCovered");
    assertThat(variable(cover, ShiftCover.COVER_BY)).isEqualTo("bob");
  }

  @Test
  void declined_nothingChangesAndTheResponderIsTold() {
    ProcessInstance cover = offer("bob", "2027-02-04T12:00", "2027-02-04T18:00");

    taskService.complete(answerTask(cover).getId(), Map.of(ShiftCover.ANSWER, "decline"));
    runDueJobs();

    assertThat(primaryAt("2027-02-04T12:00:00Z")).isEqualTo("carol");
    assertThat(mailsTo("bob@example.org")).singleElement().satisfies(mail ->
        assertThat(subject(mail)).isEqualTo("Cover declined: carol keeps the primary shift (Payments)"));
    assertThat(variable(cover, ShiftCover.OVERRIDE_ID)).isNull();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(cover.getId()).singleResult()
        .getEndActivityId()).isEqualTo("EndEvent_CoverDeclined");
  }

  @Test
  void expired_unansweredWhenTheCoverWouldStartTheOfferLapses() {
    ProcessInstance cover = offer("bob", "2027-02-05T12:00", "2027-02-05T18:00");
    assertThat(timerActivities(cover)).containsExactly(ShiftCover.TIMER_EXPIRED);

    advance(Duration.between(MONDAY, Instant.parse("2027-02-05T10:59:00Z")));
    assertThat(answerTask(cover).getAssignee()).as("still open a minute before").isEqualTo("carol");
    advance(Duration.ofMinutes(1));

    assertThat(taskService.createTaskQuery().processInstanceId(cover.getId()).count()).isZero();
    assertThat(primaryAt("2027-02-05T12:00:00Z")).isEqualTo("carol");
    for (String address : List.of("bob@example.org", "carol@example.org")) {
      assertThat(mailsTo(address)).anySatisfy(mail -> assertThat(subject(mail))
          .isEqualTo("Cover offer expired: carol stays primary on call (Payments)"));
    }
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(cover.getId()).singleResult()
        .getEndActivityId()).isEqualTo("EndEvent_CoverExpired");
  }

  @Test
  void aCoverStartingSoonStillLeavesAnHourToAnswer() {
    ProcessInstance cover = offer("bob", "2027-02-01T11:15", "2027-02-01T14:00");

    assertThat(answerTask(cover).getDueDate()).isEqualTo(Date.from(MONDAY.plus(Duration.ofHours(1))));
  }

  @Test
  void anAnswerOtherThanAcceptOrDeclineIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance cover = offer("bob", "2027-02-02T12:00", "2027-02-02T13:00");
    Task answer = answerTask(cover);

    assertThatThrownBy(() -> taskService.complete(answer.getId(), Map.of(ShiftCover.ANSWER, "maybe")))
        .hasMessageContaining("choose 'accept' or 'decline'");
    assertThat(answerTask(cover).getId()).isEqualTo(answer.getId());
  }

  @Test
  void aBadOfferIsRefusedWhereItWasTypedAndStartsNothing() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(ShiftCover.PROCESS_KEY).count();

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

    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ShiftCover.PROCESS_KEY).count())
        .isEqualTo(before);
    assertThat(mailsTo("carol@example.org")).isEmpty();
  }
}
