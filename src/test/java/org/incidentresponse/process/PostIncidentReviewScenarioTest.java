package org.incidentresponse.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.incidentresponse.audit.CamundaIncidentHistory;
import org.incidentresponse.followup.FollowUp;
import org.incidentresponse.followup.FollowUps;
import org.incidentresponse.review.PostIncidentReview;
import org.incidentresponse.review.ReviewRendering;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The post-incident review: Task_ConductPostIncidentReview opens pre-filled from the incident (durations,
 * timeline, root cause, fix, detection), the commander completes it as Tasklist submits the form (the
 * action items as a Json object of the form's rows, which becomes the contract's array), one follow-up is
 * closed with its evidence, and the Markdown export of that review is the golden file.
 */
@Tag("postgres")
class PostIncidentReviewScenarioTest extends ProcessScenario {

  static final Path GOLDEN = Path.of("src/test/resources/review/post-incident-review.golden.md");

  /**
   * The action items as Tasklist 7.24 submits the review form's rows: a Json object, one entry per row
   * group (item1…), the third row shown but left blank.
   */
  static final String ACTION_ITEM_ROWS = """
      {"item1":{"title":"Alert 30 days before a certificate expires","type":"detect","owner":"responder","dueDate":"2026-12-14","ticketUrl":"https://tickets.example.org/OPS-12"},
       "item2":{"title":"Automate renewal *now* <script>alert(1)</script>","type":"prevent","owner":"commander","dueDate":"2026-12-31","ticketUrl":""},
       "item3":{"title":"","type":null,"owner":"","ticketUrl":""}}""";

  @Autowired CamundaIncidentHistory history;
  @Autowired FollowUps followUps;

  @Test
  void theReviewOpensPrefilledFromTheIncidentAndExportsAsMarkdown() throws Exception {
    ProcessInstance incident = start(report("high", "high", true));
    String number = (String) runtimeService.getVariable(incident.getId(), "incidentNumber");
    advance(Duration.ofMinutes(4));
    complete(incident, "Task_TriageIncident", "responder", Map.of("triageNotes", "Confirmed: 502s on checkout"));
    advance(Duration.ofMinutes(2));
    complete(incident, "Task_ClassifyIncident", "commander");
    complete(incident, "Task_AssignResponseTeam", "commander",
        Map.of("incidentCommander", "commander", "responseTeam", "responder", "communicationsLead", "comms"));
    complete(incident, "Task_EstablishTimeline", "commander", Map.of("workaroundNeeded", true));
    advance(Duration.ofMinutes(24));
    complete(incident, "Task_ApplyWorkaround", "responder",
        Map.of("workaroundDescription", "Traffic failed over to the secondary gateway"));
    advance(Duration.ofMinutes(45));
    complete(incident, "Task_ResolveIncident", "responder", Map.of(
        "rootCause", "Expired TLS certificate on the payment gateway",
        "resolutionSummary", "Certificate renewed and gateway restarted",
        "followUpActions", "Automate certificate renewal — responder"));

    // What Tasklist's form sees: the task's form variables, named as the form's fields.
    Task review = task(incident, "Task_ConductPostIncidentReview");
    Map<String, Object> form = taskService.getVariables(review.getId());
    assertThat(form).containsEntry("reviewTimeToAcknowledge", "4 min")
        .containsEntry("reviewTimeToMitigate", "30 min")
        .containsEntry("reviewTimeToResolve", "75 min")
        .containsEntry("reviewImpactDuration", "30 min")
        .containsEntry("reviewRootCause", "Expired TLS certificate on the payment gateway")
        .containsEntry("reviewDetection", "person")
        .containsEntry("reviewResolution", "Workaround: Traffic failed over to the secondary gateway\n"
            + "Resolution: Certificate renewed and gateway restarted");
    assertThat(form.get("reviewDetectionDetails").toString())
        .startsWith("Reported 2026-11-30 10:00 UTC").contains("acknowledged 2026-11-30 10:04 UTC by responder, 4 min after");
    assertThat(form.get("reviewTimeline").toString().lines()).contains(
        "2026-11-30 10:04 UTC — Acknowledged by responder",
        "2026-11-30 10:30 UTC — Apply workaround completed by responder",
        "2026-11-30 11:15 UTC — Resolve incident completed by responder")
        .anySatisfy(line -> assertThat(line).startsWith("2026-11-30 10:00 UTC — Reported via tasklist"))
        .anySatisfy(line -> assertThat(line).startsWith("2026-11-30 10:06 UTC — Severity SEV1 confirmed"));
    assertThat(form).doesNotContainKey("actionItems");

    advance(Duration.ofDays(1));
    Map<String, Object> submitted = new HashMap<>();
    submitted.put("reviewSummary", "Checkout failed for 30 minutes because the gateway's TLS certificate expired.");
    submitted.put("reviewImpactDuration", form.get("reviewImpactDuration"));
    submitted.put("reviewAffected", "About 1,200 customers saw a 502 at checkout; 340 orders failed.");
    submitted.put("reviewTrigger", "The gateway's certificate expired at 10:00.");
    submitted.put("reviewRootCause", form.get("reviewRootCause") + "\nNobody owned the renewal.");
    submitted.put("reviewDetection", "customer");
    submitted.put("reviewDetectionDetails", "A customer called support; no alert on certificate expiry.");
    submitted.put("reviewResolution", form.get("reviewResolution"));
    submitted.put("reviewTimeline", form.get("reviewTimeline"));
    submitted.put("reviewWentWell", "Fast failover\n\nThe runbook was right");
    submitted.put("reviewWentBadly", "- no expiry alert\n# nobody owned renewal");
    submitted.put("reviewLucky", "It happened on a Monday morning, not at night");
    submitted.put("actionItems", SpinValues.jsonValue(ACTION_ITEM_ROWS).create());
    complete(incident, "Task_ConductPostIncidentReview", "commander", submitted);

    // The form's rows became the contract's list: the two filled rows, in order.
    HistoricVariableInstance items = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(incident.getId()).variableName("actionItems").disableCustomObjectDeserialization().singleResult();
    assertThat(items.getTypeName()).isEqualTo("json");
    assertThat(org.incidentresponse.sop.ActionItem.listOf(
        ((org.camunda.bpm.engine.variable.value.SerializableValue) items.getTypedValue()).getValueSerialized()))
        .extracting(org.incidentresponse.sop.ActionItem::owner).containsExactly("responder", "commander");

    // The first follow-up is done, with its evidence; the export says so beside the item.
    advance(Duration.ofDays(2));
    ProcessInstance first = runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
        .processInstanceBusinessKey(number).variableValueEquals(FollowUp.INDEX, 1).singleResult();
    complete(first, FollowUp.TASK_COMPLETE, "responder", Map.of(FollowUp.OUTCOME, FollowUp.OUTCOME_DONE,
        FollowUp.EVIDENCE_URL, "https://git.example.org/ops/alerts/merge_requests/7", FollowUp.NOTE, "Alert <b>added</b>"));

    String markdown = ReviewRendering.markdown(PostIncidentReview.of(history.load(incident.getId())).orElseThrow(),
        followUps.items(number)).replace(number, "INC-NUMBER");
    assertThat(markdown).isEqualTo(Files.readString(GOLDEN));

    // The closing mail lists the action items.
    assertThat(mailsTo("commander@example.org")).last().satisfies(closed -> assertThat(text(closed))
        .contains("Review action items:", "- Alert 30 days before a certificate expires ")
        .contains("- Automate renewal *now* <script>alert(1)</script> "));
  }
}
