package org.incidentresponse.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.incidentresponse.sop.Sop;
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
      if (id == null || key != null && !Sop.PROCESS_KEY.equals(key)) {
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
