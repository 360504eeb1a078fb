package org.incidentresponse.sop;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the SOP definition (bpmn/ and forms/) is read from at start-up.
 *
 * @param location base location; {@code classpath:} ships the files packaged with the app,
 *     {@code file:./} lets a process owner redeploy edited files with a restart and no rebuild
 * @param patterns resource patterns below the location, each becoming a resource name such as
 *     {@code bpmn/incident-response.bpmn}
 * @param deploymentName one stable name, so an unchanged SOP never makes a new version
 */
@ConfigurationProperties("incident-response.sop")
public record SopProperties(String location, List<String> patterns, String deploymentName) {

  public SopProperties {
    location = location == null || location.isBlank() ? "classpath:" : location;
    patterns = patterns == null || patterns.isEmpty()
        ? List.of("bpmn/*.bpmn", "bpmn/*.dmn", "forms/*.form")
        : List.copyOf(patterns);
    deploymentName = deploymentName == null || deploymentName.isBlank() ? "incident-response-sop" : deploymentName;
  }
}
