package org.incidentresponse.sop;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the SOP (processes, decisions and forms) as one deployment with stable resource names.
 *
 * <p>Camunda's auto-deployment names resources by their absolute path or jar URL, which differ
 * between {@code java -jar} and {@code spring-boot:run}; that makes duplicate versions on one
 * database. Here every resource is named by its path below the SOP location ({@code
 * bpmn/incident-response.bpmn}), and the whole set is redeployed only when any file changed, so
 * that forms bound with {@code formRefBinding="deployment"} always travel with their process.
 * Running incidents keep the version they started on.
 */
@Component
public class SopDeployment implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(SopDeployment.class);

  private final RepositoryService repositoryService;
  private final ResourcePatternResolver resources;
  private final SopProperties properties;

  public SopDeployment(RepositoryService repositoryService, ResourcePatternResolver resources,
      SopProperties properties) {
    this.repositoryService = repositoryService;
    this.resources = resources;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    deploy();
  }

  /** Deploys the SOP if anything changed since the last deployment; returns what is current. */
  public DeploymentWithDefinitions deploy() {
    Map<String, byte[]> files = readSop();
    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(properties.deploymentName())
        .source(Sop.PROCESS_KEY)
        // false: redeploy every file when any one changed, so forms stay in the process's deployment.
        .enableDuplicateFiltering(false);
    files.forEach((name, content) -> builder.addInputStream(name, new ByteArrayInputStream(content)));
    DeploymentWithDefinitions deployment = builder.deployWithResult();
    log.info("SOP deployment {} ({} resources: {})", deployment.getId(), files.size(), files.keySet());
    return deployment;
  }

  private Map<String, byte[]> readSop() {
    String base = properties.location().endsWith("/") || properties.location().endsWith(":")
        ? properties.location() : properties.location() + "/";
    Map<String, byte[]> files = new TreeMap<>();
    for (String pattern : properties.patterns()) {
      String directory = pattern.contains("/") ? pattern.substring(0, pattern.lastIndexOf('/') + 1) : "";
      try {
        for (Resource resource : resources.getResources(base + pattern)) {
          try (InputStream in = resource.getInputStream()) {
            files.put(directory + resource.getFilename(), in.readAllBytes());
          }
        }
      } catch (FileNotFoundException missingFolder) {
        log.debug("No SOP resources at {}{}", base, pattern);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read SOP resources " + base + pattern, e);
      }
    }
    if (files.keySet().stream().noneMatch(name -> name.endsWith(".bpmn"))) {
      throw new IllegalStateException("No BPMN process found at " + base + properties.patterns()
          + "; set incident-response.sop.location to the folder holding bpmn/ and forms/");
    }
    return files;
  }
}
