package org.incidentresponse.sop;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;

/**
 * Deploys a process that ships inside the application (not edited in {@code bpmn/}) under a stable
 * name, with duplicate filtering: an unchanged start, whether by {@code java -jar} or
 * {@code spring-boot:run}, makes no new version; a changed resource makes one.
 */
public final class ClasspathDeployment {

  private ClasspathDeployment() {}

  /**
   * @param name the deployment's stable name
   * @param source the deployment's source, by convention the process key
   * @param resources classpath resources: the BPMN and its forms
   */
  public static Deployment deploy(RepositoryService repositoryService, String name, String source, List<String> resources) {
    DeploymentBuilder builder = repositoryService.createDeployment().name(name).source(source)
        .enableDuplicateFiltering(false);
    resources.forEach(builder::addClasspathResource);
    return builder.deploy();
  }
}
