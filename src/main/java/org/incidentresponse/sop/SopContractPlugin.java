package org.incidentresponse.sop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ResourceTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks the SOP contract ({@link SopContractCheck}) on every new deployment of the SOP, however it
 * is made: at start ({@link SopDeployment}), from Camunda Modeler or over {@code /engine-rest}.
 * A deployer that runs before Camunda's own, inside the deployment's transaction: refusing throws, so
 * the whole deployment rolls back and nothing is deployed; REST answers 400 with the message.
 *
 * <p>A deployment is the SOP's when it has the SOP's deployment name or holds its process or decisions.
 * Modeler may deploy only the files a process owner changed. The SOP binds its forms and decisions
 * to its own deployment, so the files this deployment lacks are copied from the SOP's previous
 * deployment (the latest of the same name, else the one of the latest SOP version) before the check:
 * the new version is always complete.
 */
@Component
public class SopContractPlugin extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(SopContractPlugin.class);

  private final String deploymentName;

  public SopContractPlugin(SopProperties properties) {
    this.deploymentName = properties.deploymentName();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = configuration.getCustomPreDeployers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
    deployers.add(0, this::checkNewDeployment);
    configuration.setCustomPreDeployers(deployers);
  }

  private void checkNewDeployment(DeploymentEntity deployment) {
    // Deployments read back from the database (cache misses, restarts) were checked when made.
    if (!deployment.isNew()) {
      return;
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    deployment.getResources().forEach((name, resource) -> files.put(name, resource.getBytes()));
    // By name too: Modeler may deploy only a form of the SOP.
    if (!deploymentName.equals(deployment.getName()) && !SopContractCheck.concernsSop(files)) {
      return;
    }
    CommandContext commandContext = Context.getCommandContext();
    commandContext.runWithoutAuthorization(() -> {
      completeFromPreviousDeployment(deployment, files, commandContext);
      return null;
    });
    List<String> problems = SopContractCheck.problems(files);
    if (!problems.isEmpty()) {
      String message = "SOP deployment '" + deployment.getName() + "' refused, it breaks the SOP contract: "
          + String.join("; ", problems);
      log.warn(message);
      throw new BadUserRequestException(message);
    }
  }

  private static void completeFromPreviousDeployment(DeploymentEntity deployment, Map<String, byte[]> files,
      CommandContext commandContext) {
    String previous = previousDeploymentId(deployment, commandContext);
    if (previous == null) {
      return;
    }
    List<String> copied = new ArrayList<>();
    for (ResourceEntity resource : commandContext.getResourceManager().findResourcesByDeploymentId(previous)) {
      if (files.keySet().stream().anyMatch(name -> fileName(name).equals(fileName(resource.getName())))) {
        continue;
      }
      ResourceEntity copy = new ResourceEntity();
      copy.setName(resource.getName());
      copy.setBytes(resource.getBytes());
      copy.setDeploymentId(deployment.getId());
      copy.setType(ResourceTypes.REPOSITORY.getValue());
      copy.setCreateTime(deployment.getDeploymentTime());
      copy.setTenantId(deployment.getTenantId());
      commandContext.getResourceManager().insertResource(copy);
      deployment.addResource(copy);
      files.put(copy.getName(), copy.getBytes());
      copied.add(copy.getName());
    }
    if (!copied.isEmpty()) {
      log.info("SOP deployment '{}' takes the unchanged files {} from deployment {}", deployment.getName(), copied, previous);
    }
  }

  private static String previousDeploymentId(DeploymentEntity deployment, CommandContext commandContext) {
    var repository = commandContext.getProcessEngineConfiguration().getRepositoryService();
    if (deployment.getName() != null) {
      List<Deployment> sameName = repository.createDeploymentQuery().deploymentName(deployment.getName())
          .orderByDeploymentTime().desc().listPage(0, 2);
      for (Deployment candidate : sameName) {
        if (!candidate.getId().equals(deployment.getId())) {
          return candidate.getId();
        }
      }
    }
    ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(Sop.PROCESS_KEY)
        .latestVersion().singleResult();
    return latest == null ? null : latest.getDeploymentId();
  }

  private static String fileName(String resourceName) {
    return resourceName.substring(resourceName.lastIndexOf('/') + 1);
  }
}
