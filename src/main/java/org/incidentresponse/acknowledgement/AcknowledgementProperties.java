package org.incidentresponse.acknowledgement;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who keeps up with each new SOP version.
 *
 * @param groups the members of these Camunda groups get "Read the SOP, version N"; empty: nobody
 * @param knowledgeCheck where the knowledge check is read from
 */
@ConfigurationProperties("incident-response.sop-acknowledgement")
public record AcknowledgementProperties(List<String> groups, String knowledgeCheck) {

  public AcknowledgementProperties {
    groups = groups == null ? List.of() : List.copyOf(groups);
    knowledgeCheck = knowledgeCheck == null || knowledgeCheck.isBlank() ? "classpath:bpmn/knowledge-check.yaml"
        : knowledgeCheck;
  }
}
