package org.incidentresponse.acknowledgement;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.incidentresponse.sop.Sop;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Notices each new version of the SOP, however it is deployed (Modeler over {@code /engine-rest},
 * the app's own deployment at start): a deployer run after the engine's, which, once the deployment
 * has committed, has {@link AcknowledgementRequests} give everyone their "Read the SOP" task.
 */
@Component
public class NewSopVersionPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<AcknowledgementRequests> requests;

  public NewSopVersionPlugin(ObjectProvider<AcknowledgementRequests> requests) {
    this.requests = requests;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = configuration.getCustomPostDeployers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostDeployers());
    deployers.add(this::deployed);
    configuration.setCustomPostDeployers(deployers);
  }

  private void deployed(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getDeployedArtifacts(ProcessDefinitionEntity.class) == null) {
      return;
    }
    for (ProcessDefinitionEntity definition : deployment.getDeployedArtifacts(ProcessDefinitionEntity.class)) {
      if (Sop.PROCESS_KEY.equals(definition.getKey())) {
        int version = definition.getVersion();
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
            context -> requests.getObject().requestAcknowledgements(version));
      }
    }
  }
}
