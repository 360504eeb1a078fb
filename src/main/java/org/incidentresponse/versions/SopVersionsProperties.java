package org.incidentresponse.versions;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may list the SOP's versions and migrate running incidents between them.
 *
 * @param ownerGroups Camunda groups allowed; by default the process owners and the admins
 */
@ConfigurationProperties("incident-response.sop-versions")
public record SopVersionsProperties(List<String> ownerGroups) {

  public SopVersionsProperties {
    ownerGroups = ownerGroups == null || ownerGroups.isEmpty()
        ? List.of("process-owners", "camunda-admin") : List.copyOf(ownerGroups);
  }
}
