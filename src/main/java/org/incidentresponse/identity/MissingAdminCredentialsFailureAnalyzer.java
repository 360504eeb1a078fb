package org.incidentresponse.identity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link MissingAdminCredentialsException} into Spring Boot's "Description / Action" report. */
public class MissingAdminCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<MissingAdminCredentialsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingAdminCredentialsException cause) {
    String description = "Incident Response needs an initial Camunda admin user, but "
        + String.join(" and ", cause.missingProperties())
        + (cause.missingProperties().size() == 1 ? " is" : " are")
        + " not set and the 'demo' profile is not active.";
    String action = """
        Set the admin credentials in the environment, for example:
        \texport CAMUNDA_BPM_ADMIN_USER_ID=admin
        \texport CAMUNDA_BPM_ADMIN_USER_PASSWORD='<a strong password>'
        or, for a local trial with demo users (admin/admin), start with the demo profile:
        \t./mvnw spring-boot:run   (or --spring.profiles.active=demo)""";
    return new FailureAnalysis(description, action, cause);
  }
}
