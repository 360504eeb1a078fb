package org.incidentresponse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.incidentresponse.AppTest;
import org.incidentresponse.audit.IncidentAudit;
import org.incidentresponse.audit.IncidentFilter;
import org.incidentresponse.audit.IncidentReport;
import org.incidentresponse.audit.IncidentReport.ChecklistItem;
import org.incidentresponse.acknowledgement.SopAcknowledgement;
import org.incidentresponse.acknowledgement.SopAcknowledgements;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.SopDeployment;
import org.incidentresponse.versions.SopVersionDiff;
import org.incidentresponse.versions.SopVersions;
import org.incidentresponse.sop.Sop;
import org.incidentresponse.sop.SopActivity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * What the quick start shows after its first start: the demo incidents, seeded on this context's
 * empty database when the application was ready, as the audit and Tasklist present them.
 */
@AppTest
@TestPropertySource(properties = {"incident-response.demo.incidents=true",
    "incident-response.sop-acknowledgement.groups=responders,incident-commanders,communications"})
class DemoIncidentsTest {

  @Autowired DemoIncidents demoIncidents;
  @Autowired IncidentAudit audit;
  @Autowired HistoryService historyService;
  @Autowired TaskService taskService;
  @Autowired org.camunda.bpm.engine.RepositoryService repositoryService;
  @Autowired SopVersions sopVersions;
  @Autowired SopVersionDiff sopVersionDiff;
  @Autowired SopAcknowledgements sopAcknowledgements;
  @Autowired DemoSopVersion demoSopVersion;
  @Autowired SopDeployment sopDeployment;

  @Test
  void theQuickStartHasAnIncidentInEveryStateOfTheSop() {
    List<IncidentReport.Summary> incidents = audit.list(IncidentFilter.all(), 0, 100).items();
    assertThat(incidents).hasSize(6);
    Map<String, IncidentReport.Summary> byTitle = incidents.stream()
        .collect(Collectors.toMap(IncidentReport.Summary::title, Function.identity()));

    IncidentReport.Summary alert = byTitle.get("Checkout error rate above 20%");
    assertThat(alert.source()).isEqualTo("alertmanager");
    assertThat(alert.severity()).isEqualTo("SEV1");
    assertThat(alert.status()).isEqualTo("open");
    assertThat(alert.acknowledgedBy()).isNull();
    assertThat(waiting(alert)).extracting(Task::getTaskDefinitionKey, Task::getAssignee)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(SopActivity.Task_TriageIncident.id(), null));
    assertThat(variable(alert, IncidentVariable.GENERATOR_URL)).asString().startsWith("https://prometheus.example.org/");
    assertThat(variable(alert, IncidentVariable.RUNBOOK_URL)).isEqualTo("https://runbooks.example.org/checkout-errors");
    assertThat(variable(alert, IncidentVariable.LAST_ALERT)).asString().contains("CheckoutErrorRate");

    // Team payments' primary on call now is paged alone, and triage is offered to the team.
    IncidentReport.Summary payments = byTitle.get("Card payments declined");
    assertThat(variable(payments, IncidentVariable.ON_CALL_TEAM)).isEqualTo("payments");
    assertThat(variable(payments, IncidentVariable.ON_CALL_PRIMARY)).isIn("alice", "bob", "carol");
    assertThat(variable(payments, IncidentVariable.PAGED_USERS)).isEqualTo(variable(payments, IncidentVariable.ON_CALL_PRIMARY));
    assertThat(variable(payments, IncidentVariable.ACKNOWLEDGE_URL)).asString().contains("/oncall/acknowledge/");

    IncidentReport.Summary response = byTitle.get("Search results stale for EU customers");
    assertThat(response.severity()).isEqualTo("SEV2");
    assertThat(response.acknowledgedBy()).isEqualTo("responder");
    assertThat(response.incidentCommander()).isEqualTo("commander");
    assertThat(waiting(response)).extracting(Task::getTaskDefinitionKey).containsExactlyInAnyOrder(
        SopActivity.Task_ApplyWorkaround.id(), SopActivity.Task_ProvideStatusUpdate.id());
    assertThat(breaches(response)).contains("acknowledgement-late");

    IncidentReport.Summary resolved = byTitle.get("Invoice PDFs missing the logo");
    assertThat(resolved.severity()).isEqualTo("SEV3");
    assertThat(resolved.resolvedAt()).isNotNull();
    assertThat(waiting(resolved)).extracting(Task::getTaskDefinitionKey)
        .containsExactly(SopActivity.Task_DecideReview.id());
    assertThat(breaches(resolved)).contains("target-resolution-missed");
    assertThat(audit.report(resolved.number()).orElseThrow().timeline())
        .anySatisfy(entry -> assertThat(entry.title() + " " + entry.detail()).contains("target-breach"));

    IncidentReport.Summary closed = byTitle.get("Login slow after certificate rotation");
    assertThat(closed.status()).isEqualTo("closed");
    assertThat(closed.severity()).isEqualTo("SEV2");
    assertThat(closed.proposedSeverity()).isEqualTo("SEV3");
    assertThat(closed.drill()).isFalse();
    assertThat(audit.report(closed.number()).orElseThrow().checklist()).hasSize(8)
        .allSatisfy(item -> assertThat(item.status()).as(item.key()).isEqualTo("done"));
    assertThat(closed.breachCount()).isZero();

    IncidentReport.Summary drill = byTitle.get("Drill: status page failover");
    assertThat(drill.status()).isEqualTo("closed");
    assertThat(drill.drill()).isTrue();
    assertThat(drill.severity()).isEqualTo("SEV4");
    assertThat(audit.report(drill.number()).orElseThrow().checklist()).allMatch(ChecklistItem::satisfied);
    assertThat(audit.metrics(java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(3600)))
        .satisfies(m -> assertThat(m.incidents()).isEqualTo(5))
        .satisfies(m -> assertThat(m.drillsExcluded()).isEqualTo(1));
  }

  @Test
  void eachStepIsRecordedAsDoneByTheDemoUserOfItsRole() {
    Map<String, String> doneBy = historyService.createHistoricTaskInstanceQuery().finished().list().stream()
        .collect(Collectors.toMap(t -> t.getTaskDefinitionKey(), t -> t.getAssignee(), (a, b) -> a));
    assertThat(doneBy).containsEntry(SopActivity.Task_TriageIncident.id(), "responder")
        .containsEntry(SopActivity.Task_ClassifyIncident.id(), "commander")
        .containsEntry(SopActivity.Task_ApplyWorkaround.id(), "responder")
        .containsEntry(SopActivity.Task_ResolveIncident.id(), "responder")
        .containsEntry(SopActivity.Task_ConductPostIncidentReview.id(), "commander");
    assertThat(historyService.createUserOperationLogQuery().operationType("Complete").list())
        .isNotEmpty()
        .allSatisfy(entry -> assertThat(entry.getUserId()).isIn("responder", "commander"));
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY).list())
        .extracting(HistoricProcessInstance::getStartUserId).containsOnly("responder", null);
  }

  @Test
  void aSecondRunOnTheSameDatabaseAddsNothing() {
    long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY).count();
    assertThat(demoIncidents.seed()).isEmpty();
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY).count())
        .isEqualTo(before).isEqualTo(6);
  }

  /**
   * The process owner's second SOP version: a relabelled step with its change note, deployed as from
   * Modeler; the running demo incidents still on version 1, every one of them movable to version 2;
   * everyone asked to read version 2, the responder already did. A restart changes none of it.
   */
  @Test
  void theQuickStartHasASecondSopVersionToMigrateToAndAcknowledge() {
    List<SopVersions.Version> versions = sopVersions.versions();
    assertThat(versions).extracting(SopVersions.Version::version).containsExactly(1, 2);
    SopVersions.Version first = versions.get(0);
    SopVersions.Version second = versions.get(1);
    assertThat(second.deployedBy()).isEqualTo("owner");
    assertThat(second.deploymentSource()).isEqualTo("demo");
    assertThat(repositoryService.getDeploymentResourceNames(second.deploymentId()))
        .contains("incident-response.bpmn", "change-note.md").anyMatch(name -> name.endsWith(".form"))
        .anyMatch(name -> name.endsWith("incident-severity.dmn"));
    assertThat(first.runningIncidents()).isEqualTo(4);
    assertThat(second.runningIncidents()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(Sop.PROCESS_KEY).list())
        .extracting(HistoricProcessInstance::getProcessDefinitionVersion).containsOnly(1);

    SopVersionDiff.Diff diff = sopVersionDiff.diff(1, 2);
    assertThat(diff.activities()).singleElement().satisfies(change -> {
      assertThat(change.id()).isEqualTo(SopActivity.Task_DecideReview.id());
      assertThat(change.details()).containsExactly("name: \"Decide on review\" → \"Decide on a post-incident review\"");
    });
    assertThat(diff.forms()).isEmpty();
    assertThat(diff.decisions()).isEmpty();

    // What Cockpit's "SOP versions" would do: a dry run moves every running demo incident.
    SopVersions.Report dryRun = sopVersions.migrate(1, 2, List.of(), true, "owner");
    assertThat(dryRun.incidents()).hasSize(4).allSatisfy(outcome -> assertThat(outcome.reasons()).isEmpty());
    assertThat(sopVersions.versions().get(0).runningIncidents()).isEqualTo(4);

    // "Read the SOP, version 2": done by the responder, open for the others.
    assertThat(sopAcknowledgements.of(2)).extracting(SopAcknowledgements.Acknowledgement::userId)
        .containsExactly("responder");
    assertThat(taskService.createTaskQuery().processDefinitionKey(SopAcknowledgement.PROCESS_KEY)
        .taskName("Read the SOP, version 2").list()).extracting(Task::getAssignee)
        .contains("commander", "comms", "alice").doesNotContain("responder");

    // The demo's other start-up work still happens beside it: communications' scheduled maintenance.
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("scheduled-maintenance").count())
        .isOne();

    // A restart: the demo deploys nothing again, and the SOP's own deployment keeps version 2.
    assertThat(demoSopVersion.deploy()).isZero();
    assertThat(sopDeployment.deploy().getId()).isEqualTo(second.deploymentId());
    assertThat(sopVersions.versions()).hasSize(2);
  }

  private List<Task> waiting(IncidentReport.Summary incident) {
    return taskService.createTaskQuery().processInstanceId(incident.processInstanceId()).list();
  }

  private Object variable(IncidentReport.Summary incident, IncidentVariable variable) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(incident.processInstanceId())
        .variableName(variable.id()).singleResult().getValue();
  }

  private List<String> breaches(IncidentReport.Summary incident) {
    return audit.report(incident.number()).orElseThrow().breaches().stream().map(IncidentReport.Breach::kind).toList();
  }
}
