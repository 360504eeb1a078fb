package org.incidentresponse.identity;

import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start without admin credentials unless the {@code demo} profile is active.
 *
 * <p>Without credentials the Camunda starter would either create no admin at all (nobody could log
 * in to Admin) or fail deep inside engine start-up. Checking the environment before any bean exists
 * gives one clear message, reported by {@link MissingAdminCredentialsFailureAnalyzer}. Registered in
 * {@code META-INF/spring.factories}, where Spring Boot 3.5 looks up environment post-processors.
 */
public class AdminCredentialsCheck implements EnvironmentPostProcessor, Ordered {

  static final String DEMO_PROFILE = "demo";
  static final String ADMIN_ID = "camunda.bpm.admin-user.id";
  static final String ADMIN_PASSWORD = "camunda.bpm.admin-user.password";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.matchesProfiles(DEMO_PROFILE)) {
      return;
    }
    List<String> missing = List.of(ADMIN_ID, ADMIN_PASSWORD).stream()
        .filter(name -> isBlank(environment.getProperty(name)))
        .toList();
    if (!missing.isEmpty()) {
      throw new MissingAdminCredentialsException(missing);
    }
  }

  /** After the config-data post-processor, so application.yaml is loaded and profiles are active. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
