package org.incidentresponse.identity;

import java.util.List;

/** Start-up refused: outside the demo profile the admin credentials must come from the environment. */
public class MissingAdminCredentialsException extends RuntimeException {

  private final List<String> missingProperties;

  public MissingAdminCredentialsException(List<String> missingProperties) {
    super("Camunda admin credentials missing: " + String.join(", ", missingProperties)
        + " must be set unless the 'demo' profile is active");
    this.missingProperties = List.copyOf(missingProperties);
  }

  /** The blank properties, e.g. {@code camunda.bpm.admin-user.password}. */
  public List<String> missingProperties() {
    return missingProperties;
  }
}
