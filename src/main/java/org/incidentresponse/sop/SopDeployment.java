package org.incidentresponse.sop;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
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
 *
 * <p>A restart never reverts what a process owner deployed from Camunda Modeler: when the latest
 * deployment of the name came from elsewhere and the files are older, they are not deployed.
 */
@Component
public class SopDeployment implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(SopDeployment.class);

  /** The source of the deployments this app makes; others (Modeler's is "Camunda Modeler") are not reverted. */
  static final String SOURCE = Sop.PROCESS_KEY;

  /** How many earlier deployments of the name are compared when telling whether the files are older. */
  private static final int EARLIER_DEPLOYMENTS_COMPARED = 20;

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

  /**
   * Deploys the SOP if anything changed since the last deployment; returns what is current. A newer
   * deployment of the same name made elsewhere (Camunda Modeler, {@code /engine-rest}) is never
   * reverted by files that are older than it: those are logged and the deployed SOP stays the latest.
   */
  public Deployment deploy() {
    SopFiles files = readSop();
    Optional<Deployment> kept = deployedElsewhereAndNewer(files);
    if (kept.isPresent()) {
      return kept.get();
    }
    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(properties.deploymentName())
        .source(SOURCE)
        // false: redeploy every file when any one changed, so forms stay in the process's deployment.
        .enableDuplicateFiltering(false);
    files.content().forEach((name, content) -> builder.addInputStream(name, new ByteArrayInputStream(content)));
    DeploymentWithDefinitions deployment = builder.deployWithResult();
    log.info("SOP deployment {} ({} resources: {})", deployment.getId(), files.content().size(), files.content().keySet());
    return deployment;
  }

  /**
   * The latest deployment of the SOP's name when someone deployed it outside this app and the files
   * are older: the same as an earlier deployment, or last modified before it was made.
   */
  private Optional<Deployment> deployedElsewhereAndNewer(SopFiles files) {
    List<Deployment> deployments = repositoryService.createDeploymentQuery().deploymentName(properties.deploymentName())
        .orderByDeploymentTime().desc().listPage(0, EARLIER_DEPLOYMENTS_COMPARED);
    if (deployments.isEmpty() || SOURCE.equals(deployments.get(0).getSource())) {
      return Optional.empty();
    }
    Deployment latest = deployments.get(0);
    Map<String, byte[]> ours = byFileName(files.content());
    if (sameFiles(ours, byFileName(resources(latest.getId())))) {
      log.info("SOP files at {} are what deployment {} ({}, {}) holds: nothing to deploy", properties.location(),
          latest.getId(), latest.getSource(), latest.getDeploymentTime());
      return Optional.of(latest);
    }
    boolean deployedBefore = deployments.stream().skip(1)
        .anyMatch(earlier -> sameFiles(ours, byFileName(resources(earlier.getId()))));
    boolean modifiedBefore = files.lastModified() != null && latest.getDeploymentTime() != null
        && files.lastModified().isBefore(latest.getDeploymentTime().toInstant());
    if (deployedBefore || modifiedBefore) {
      log.warn("SOP files at {} are older than deployment {} made by '{}' at {} ({}): keeping the deployed SOP as "
              + "the latest version, not deploying the files. Bring the repository in line with what is deployed "
              + "(docs/process-owners.md, 'After a restart').", properties.location(), latest.getId(),
          latest.getSource(), latest.getDeploymentTime(),
          deployedBefore ? "they equal an earlier deployment" : "last modified " + files.lastModified());
      return Optional.of(latest);
    }
    return Optional.empty();
  }

  private Map<String, byte[]> resources(String deploymentId) {
    Map<String, byte[]> content = new TreeMap<>();
    for (String name : repositoryService.getDeploymentResourceNames(deploymentId)) {
      try (InputStream in = repositoryService.getResourceAsStream(deploymentId, name)) {
        content.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read resource " + name + " of deployment " + deploymentId, e);
      }
    }
    return content;
  }

  /** Modeler names resources by file name, this app by path below the SOP location: compare by file name. */
  private static Map<String, byte[]> byFileName(Map<String, byte[]> resources) {
    Map<String, byte[]> byFileName = new TreeMap<>();
    resources.forEach((name, content) -> byFileName.put(name.substring(name.lastIndexOf('/') + 1), content));
    return byFileName;
  }

  private static boolean sameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
    return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(name -> Arrays.equals(a.get(name), b.get(name)));
  }

  /** The SOP's files by resource name, and when the newest of them was last modified (if known). */
  private record SopFiles(Map<String, byte[]> content, Instant lastModified) {}

  private SopFiles readSop() {
    String base = properties.location().endsWith("/") || properties.location().endsWith(":")
        ? properties.location() : properties.location() + "/";
    Map<String, byte[]> files = new TreeMap<>();
    Instant lastModified = null;
    for (String pattern : properties.patterns()) {
      String directory = pattern.contains("/") ? pattern.substring(0, pattern.lastIndexOf('/') + 1) : "";
      try {
        for (Resource resource : resources.getResources(base + pattern)) {
          try (InputStream in = resource.getInputStream()) {
            files.put(directory + resource.getFilename(), in.readAllBytes());
          }
          Instant modified = lastModified(resource);
          if (modified != null && (lastModified == null || modified.isAfter(lastModified))) {
            lastModified = modified;
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
    return new SopFiles(files, lastModified);
  }

  private static Instant lastModified(Resource resource) {
    try {
      long millis = resource.lastModified();
      return millis > 0 ? Instant.ofEpochMilli(millis) : null;
    } catch (IOException unknown) {
      return null;
    }
  }
}
