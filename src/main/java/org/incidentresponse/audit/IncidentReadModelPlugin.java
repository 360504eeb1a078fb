package org.incidentresponse.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.Sop;
import org.incidentresponse.sop.SopActivity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the read model ({@link IncidentReadModel}) in step with the engine's history, in the same
 * transaction: a history event handler beside the engine's database handler notes every incident whose
 * history an engine command writes; just before the transaction commits, after the engine flushed its
 * own inserts and updates, each noted incident's row is rewritten from its history. A rollback (a failed
 * command, a failed job) takes the row with it; a retried job, another node, a migration or a severity
 * override all write history, so they all rewrite the row.
 *
 * <p>With Spring's transactions (the app's engine), the incidents are noted per Spring transaction, so
 * several engine commands in one transaction (the intake's) rewrite each row once, in
 * {@link TransactionSynchronization#beforeCommit}. Without one, per engine command, in Camunda's
 * {@link TransactionState#COMMITTING}.
 */
@Component
public class IncidentReadModelPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<IncidentReadModel> readModel;

  public IncidentReadModelPlugin(ObjectProvider<IncidentReadModel> readModel) {
    this.readModel = readModel;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(new Handler());
    configuration.setCustomHistoryEventHandlers(handlers);
    // Keep the engine's own database handler: this one only notes what changed.
    configuration.setEnableDefaultDbHistoryEventHandler(true);
  }

  /** The variables an alert on an open incident writes (the correlation and Task_RecordAlert). */
  private static final Set<String> ALERT_VARIABLES = Set.of(IncidentVariable.LAST_ALERT.id(),
      IncidentVariable.ALERTS_TRUNCATED.id(), IncidentVariable.ALERT_COUNT.id(), IncidentVariable.LAST_ALERT_AT.id(),
      IncidentVariable.ALERT.id());

  /**
   * History that no column of a row is computed from: monitoring's alerts on an open incident
   * ({@code EventSubProcess_AlertReceived}), which only its timeline shows. Rewriting the row for them
   * would read the incident's whole history again for every alert of a storm, a history each alert
   * makes longer. Anything else in the same transaction still rewrites the row, and so does a task
   * (task events are not skipped) or a variable other than the alert's, should a process owner add
   * steps to that subprocess.
   */
  static boolean changesNoRow(HistoryEvent event) {
    if (event instanceof HistoricActivityInstanceEventEntity activity) {
      return inAlertSubprocess(activity.getProcessDefinitionId(), activity.getActivityId());
    }
    if (event instanceof HistoricVariableUpdateEventEntity variable) {
      return ALERT_VARIABLES.contains(variable.getVariableName());
    }
    return false;
  }

  /** The alert subprocess itself, or a step in it, in the SOP version the incident runs on. */
  private static boolean inAlertSubprocess(String processDefinitionId, String activityId) {
    String alerts = SopActivity.EventSubProcess_AlertReceived.id();
    if (alerts.equals(activityId)) {
      return true;
    }
    CommandContext context = Context.getCommandContext();
    if (context == null || processDefinitionId == null) {
      return false;
    }
    ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(processDefinitionId);
    ActivityImpl step = definition == null ? null : definition.findActivity(activityId);
    return step != null && step.getFlowScope() instanceof ActivityImpl scope && alerts.equals(scope.getId());
  }

  /** The incidents touched in the current Spring transaction, and the synchronization that rewrites their rows. */
  private final class Touched implements TransactionSynchronization {

    private final Set<String> ids = new LinkedHashSet<>();

    @Override
    public void beforeCommit(boolean readOnly) {
      // The engine flushed every command of this transaction when the command ended: its history is all there.
      readModel.getObject().refresh(List.copyOf(ids));
    }

    @Override
    public void afterCompletion(int status) {
      if (TransactionSynchronizationManager.getResource(Touched.class) == this) {
        TransactionSynchronizationManager.unbindResource(Touched.class);
      }
    }
  }

  private final class Handler implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      String id = event.getProcessInstanceId();
      String key = event.getProcessDefinitionKey();
      if (id == null || key != null && !Sop.PROCESS_KEY.equals(key) || changesNoRow(event)) {
        return;
      }
      touched(id);
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }

    private void touched(String id) {
      if (TransactionSynchronizationManager.isSynchronizationActive()) {
        Touched touched = (Touched) TransactionSynchronizationManager.getResource(Touched.class);
        // Bound resources outlive a suspension: in a nested (REQUIRES_NEW) transaction the bound one may
        // be the outer transaction's, which this one's commit would not wait for.
        if (touched == null || !TransactionSynchronizationManager.getSynchronizations().contains(touched)) {
          TransactionSynchronizationManager.unbindResourceIfPossible(Touched.class);
          touched = new Touched();
          TransactionSynchronizationManager.bindResource(Touched.class, touched);
          TransactionSynchronizationManager.registerSynchronization(touched);
        }
        touched.ids.add(id);
        return;
      }
      CommandContext context = Context.getCommandContext();
      if (context != null) {
        context.getTransactionContext().addTransactionListener(TransactionState.COMMITTING,
            committing -> readModel.getObject().refresh(List.of(id)));
      }
    }
  }
}
