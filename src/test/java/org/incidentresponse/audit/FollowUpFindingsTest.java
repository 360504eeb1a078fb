package org.incidentresponse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentresponse.audit.HistoryBuilder.compliantSev1;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.incidentresponse.audit.IncidentReport.Breach;
import org.incidentresponse.followup.FollowUps.FollowUpItem;
import org.incidentresponse.sop.IncidentVariable;
import org.junit.jupiter.api.Test;

/** What a review's follow-ups add to the report: breaches, the checklist's analysis item and the status. */
class FollowUpFindingsTest {

  static final ComplianceRules RULES = new ComplianceRules(new Breaches(Duration.ofMinutes(5)));
  static final Instant REVIEWED = ComplianceRulesTest.REVIEWED;
  static final Instant LATER = REVIEWED.plus(Duration.ofDays(60));

  static FollowUpItem item(int index, String type, String status, LocalDate due, Instant closedAt) {
    return new FollowUpItem(index, "Item " + index, type, "responder", "responder", due, status, null,
        closedAt == null ? null : "https://git.example.org/1", null, closedAt == null ? null : "responder", closedAt,
        closedAt == null ? null : Boolean.TRUE);
  }

  static List<String> kinds(IncidentReport report) {
    return report.breaches().stream().map(Breach::kind).toList();
  }

  static String actionItems(String... types) {
    return java.util.Arrays.stream(types).map(type -> "{\"title\":\"Item\",\"type\":\"" + type
        + "\",\"owner\":\"responder\",\"dueDate\":\"2027-03-20\"}").collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }

  @Test
  void aSevereReviewThatRecordedActionItemsNeedsOneOfTypePrevent() {
    LocalDate due = LocalDate.of(2027, 3, 20);

    // Judged from the review's own action items, whatever became of their follow-ups.
    assertThat(kinds(RULES.report(compliantSev1().change(REVIEWED, "actionItems", "[]").build(), LATER, List.of())))
        .containsExactly("review-without-actions");
    assertThat(kinds(RULES.report(compliantSev1().change(REVIEWED, "actionItems", actionItems("detect")).build(), LATER,
        List.of(item(1, "detect", "open", due, null))))).containsExactly("review-without-actions");
    assertThat(kinds(RULES.report(compliantSev1().change(REVIEWED, "actionItems", actionItems("detect", "prevent"))
        .build(), LATER, List.of(item(1, "detect", "done", due, due.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()),
        item(2, "prevent", "open", due.plusDays(90), null))))).isEmpty();
    // A review made before the SOP asked for structured action items is not judged by them.
    assertThat(kinds(RULES.report(compliantSev1().build(), LATER, List.of()))).isEmpty();
    // A SEV3 review needs none.
    assertThat(kinds(RULES.report(compliantSev1().change(REVIEWED, "actionItems", "[]")
        .set(IncidentVariable.SEVERITY, "SEV3").build(), LATER, List.of()))).doesNotContain("review-without-actions");
  }

  @Test
  void overdueAndLateFollowUpsAreBreachesAndTheStatusCountsOpenOnes() {
    LocalDate due = LocalDate.of(2027, 3, 20);
    Instant late = due.plusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    IncidentReport report = RULES.report(compliantSev1().change(REVIEWED, "actionItems",
        actionItems("prevent", "detect", "process", "mitigate")).build(), LATER, List.of(
        item(1, "prevent", "overdue", due, null), item(2, "detect", "done", due, late),
        item(3, "process", "open", due.plusDays(90), null), item(4, "mitigate", "wont-do", due, late)));

    assertThat(report.breaches()).extracting(Breach::kind).containsExactly("follow-up-overdue", "follow-up-overdue");
    assertThat(report.breaches().get(0).description()).isEqualTo(
        "follow-up 1 \"Item 1\" (responder) is open past its due date 2027-03-20");
    assertThat(report.breaches().get(1).description()).isEqualTo(
        "follow-up 2 \"Item 2\" was done 2 d 0 h after its due date 2027-03-20");
    assertThat(report.incident().breachCount()).isEqualTo(2);
    assertThat(report.statusText()).isEqualTo("closed, 2 follow-ups open");
    assertThat(report.checklist()).filteredOn(c -> c.key().equals("post-incident-analysis")).singleElement()
        .satisfies(c -> assertThat(c.evidence()).endsWith("follow-ups: 4 (1 done, 1 won't do, 1 open, 1 overdue)"));
    assertThat(RULES.report(compliantSev1().build(), LATER, List.of()).statusText()).isEqualTo("closed");
  }
}
