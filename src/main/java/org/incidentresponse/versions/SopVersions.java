package org.incidentresponse.versions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionBuilder;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentresponse.sop.Sop;
import org.incidentresponse.sop.SopMigrationNote;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SOP's versions and the migration of running incidents between them, on Camunda's migration
 * API: a plan mapping equal activity ids (with the event triggers the new version changed updated, so
 * timers follow a changed policy and unchanged ones keep their due dates), executed per incident in
 * its own transaction, so that one incident that cannot move leaves the others moving and is itself
 * left as it was. A dry run executes the same and rolls back.
 * Migrations run as the requesting user: Camunda's user operation log records the migration, and each
 * migrated incident gets a comment in its history ({@link #migrationNote}) with the user and the time.
 */
@Service
public class SopVersions {

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final TransactionTemplate transactions;
  private final CommandExecutor commands;
  private final SopMigrations migrations;
  private final SopVersionDiff diff;

  public SopVersions(RepositoryService repositoryService, RuntimeService runtimeService, HistoryService historyService,
      IdentityService identityService, PlatformTransactionManager transactionManager, ProcessEngine engine,
      SopMigrations migrations, SopVersionDiff diff) {
    this.migrations = migrations;
    this.diff = diff;
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.transactions = new TransactionTemplate(transactionManager);
    this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
  }

  /** One deployed version of the SOP. */
  public record Version(int version, String processDefinitionId, String deploymentId, Instant deployedAt,
      String deploymentSource, String deployedBy, long runningIncidents) {}

  /** What happened, or would happen, to one incident. */
  public record Outcome(String processInstanceId, String incidentNumber, boolean migrated, List<String> reasons) {}

  /**
   * The report of one migration request, as {@code GET /api/sop/migrations/{id}} answers it later.
   *
   * @param migratedBy who asked for it (also for a dry run)
   */
  public record Report(String id, int from, int to, boolean dryRun, String migratedBy, Instant requestedAt,
      List<Outcome> incidents) {}

  public List<Version> versions() {
    List<Version> versions = new ArrayList<>();
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(Sop.PROCESS_KEY).orderByProcessDefinitionVersion().asc().list()) {
      Deployment deployment = repositoryService.createDeploymentQuery().deploymentId(definition.getDeploymentId())
          .singleResult();
      versions.add(new Version(definition.getVersion(), definition.getId(), definition.getDeploymentId(),
          deployment.getDeploymentTime() == null ? null : deployment.getDeploymentTime().toInstant(),
          deployment.getSource(), deployedBy(deployment.getId()),
          runtimeService.createProcessInstanceQuery().processDefinitionId(definition.getId()).count()));
    }
    return versions;
  }

  /** Who deployed it, from Camunda's user operation log; null for the app's own deployment at start. */
  private String deployedBy(String deploymentId) {
    return historyService.createUserOperationLogQuery().deploymentId(deploymentId).entityType(EntityTypes.DEPLOYMENT)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE).list().stream()
        .map(UserOperationLogEntry::getUserId).filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  /**
   * Migrates the running incidents of version {@code from} (all, or the given process instance ids or
   * incident numbers) to version {@code to} (the latest when null).
   *
   * @throws IllegalArgumentException when a version does not exist or no plan maps them
   */
  public Report migrate(int from, Integer to, List<String> incidents, boolean dryRun, String userId) {
    ProcessDefinition source = definition(from);
    ProcessDefinition target = to == null
        ? repositoryService.createProcessDefinitionQuery().processDefinitionKey(Sop.PROCESS_KEY).latestVersion().singleResult()
        : definition(to);
    MigrationPlan plan;
    try {
      plan = plan(source, target);
    } catch (MigrationPlanValidationException e) {
      throw new IllegalArgumentException("no migration plan from version " + from + " to " + target.getVersion()
          + ": " + e.getMessage(), e);
    }
    List<ProcessInstance> chosen = chosen(source, incidents == null ? List.of() : incidents);
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    String id = UUID.randomUUID().toString();
    Instant requestedAt = ClockUtil.getCurrentTime().toInstant();
    migrations.started(id, source.getVersion(), target.getVersion(), dryRun, userId, requestedAt);
    List<Outcome> outcomes = new ArrayList<>();
    for (ProcessInstance instance : chosen) {
      Outcome outcome = migrateOne(plan, instance, dryRun, userId, groups);
      migrations.outcome(id, outcomes.size(), outcome);
      outcomes.add(outcome);
    }
    return new Report(id, source.getVersion(), target.getVersion(), dryRun, userId, requestedAt, outcomes);
  }

  /**
   * Equal activity ids mapped; the event triggers updated only of the events whose trigger the new
   * version changed ({@link SopVersionDiff#changedEventTriggers}). Camunda recomputes an updated timer
   * from the time of the migration: right for a changed policy, wrong for an unchanged one (the
   * acknowledgement wait would restart, a reminder already due would be pushed to its next cycle).
   */
  private MigrationPlan plan(ProcessDefinition source, ProcessDefinition target) {
    MigrationPlan equal = runtimeService.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
    java.util.Set<String> changed = diff.changedEventTriggers(source.getId(), target.getId());
    MigrationPlanBuilder builder = runtimeService.createMigrationPlan(source.getId(), target.getId());
    for (MigrationInstruction instruction : equal.getInstructions()) {
      MigrationInstructionBuilder mapping = builder.mapActivities(instruction.getSourceActivityId(),
          instruction.getTargetActivityId());
      builder = changed.contains(instruction.getSourceActivityId()) ? mapping.updateEventTrigger() : mapping;
    }
    return builder.build();
  }

  private Outcome migrateOne(MigrationPlan plan, ProcessInstance instance, boolean dryRun, String userId,
      List<String> groups) {
    try {
      transactions.executeWithoutResult(status -> {
        identityService.setAuthentication(userId, groups);
        try {
          runtimeService.newMigration(plan).processInstanceIds(instance.getId()).execute();
          recordInHistory(instance.getId(), migration(plan));
        } finally {
          identityService.clearAuthentication();
        }
        if (dryRun) {
          status.setRollbackOnly();
        }
      });
      return new Outcome(instance.getId(), instance.getBusinessKey(), !dryRun, List.of());
    } catch (MigratingProcessInstanceValidationException e) {
      List<String> reasons = new ArrayList<>();
      e.getValidationReport().getFailures().forEach(reasons::add);
      e.getValidationReport().getActivityInstanceReports().forEach(r -> reasons.addAll(
          r.getFailures().stream().map(f -> r.getSourceScopeId() + ": " + f).toList()));
      e.getValidationReport().getTransitionInstanceReports().forEach(r -> reasons.addAll(
          r.getFailures().stream().map(f -> r.getSourceScopeId() + ": " + f).toList()));
      return new Outcome(instance.getId(), instance.getBusinessKey(), false, reasons.isEmpty() ? List.of(e.getMessage()) : reasons);
    } catch (ProcessEngineException e) {
      return new Outcome(instance.getId(), instance.getBusinessKey(), false, List.of(e.getMessage()));
    }
  }

  /** "SOP migrated from version 3 to version 4": the comment each migrated incident gets. */
  public static String migrationNote(int from, int to) {
    return new SopMigrationNote(from, to).text();
  }

  private String migration(MigrationPlan plan) {
    return migrationNote(repositoryService.getProcessDefinition(plan.getSourceProcessDefinitionId()).getVersion(),
        repositoryService.getProcessDefinition(plan.getTargetProcessDefinitionId()).getVersion());
  }

  /**
   * A comment on the incident in Camunda's history, with the migrating user and the time: the
   * user operation log records a migration per definition, not per incident. Commenting on a
   * process instance needs UPDATE on it, more than process owners hold, so the check is skipped
   * for this one write; the user is still the one recorded.
   */
  private void recordInHistory(String processInstanceId, String note) {
    commands.execute(commandContext -> commandContext.runWithoutAuthorization(
        () -> new AddCommentCmd(null, processInstanceId, note).execute(commandContext)));
  }

  private List<ProcessInstance> chosen(ProcessDefinition source, List<String> incidents) {
    List<ProcessInstance> running = runtimeService.createProcessInstanceQuery().processDefinitionId(source.getId()).list();
    if (incidents.isEmpty()) {
      return running;
    }
    List<ProcessInstance> chosen = new ArrayList<>();
    for (String incident : incidents) {
      chosen.add(running.stream().filter(i -> incident.equals(i.getId()) || incident.equals(i.getBusinessKey()))
          .findFirst().orElseThrow(() -> new IllegalArgumentException(
              "incident " + incident + " is not running on version " + source.getVersion())));
    }
    return chosen;
  }

  private ProcessDefinition definition(int version) {
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .processDefinitionVersion(version).singleResult();
    if (definition == null) {
      throw new IllegalArgumentException("the SOP has no version " + version);
    }
    return definition;
  }
}
