package org.incidentresponse.postgres;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * In the PostgreSQL test pass ({@code -Dincident-response.test.database=postgres}, set by the
 * {@code postgres-tests} surefire execution together with {@code spring.profiles.include=postgres}),
 * every Spring context of the suite gets its own fresh PostgreSQL database instead of the H2
 * in-memory one. Registered for every SpringApplication in META-INF/spring.factories; does nothing
 * in the H2 pass.
 */
public class PostgresPassInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    if (!PostgresTestDatabase.selected()) {
      return;
    }
    if (!PostgresTestDatabase.available()) {
      throw new IllegalStateException("PostgreSQL pass selected but nothing answers on "
          + PostgresTestDatabase.HOST + ":" + PostgresTestDatabase.PORT);
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.datasource.url", PostgresTestDatabase.createDatabase("it"));
    properties.put("spring.datasource.username", PostgresTestDatabase.USER);
    properties.put("spring.datasource.password", PostgresTestDatabase.PASSWORD);
    properties.put("spring.datasource.driver-class-name", "org.postgresql.Driver");
    // Many contexts stay cached side by side in one test JVM: idle ones give their connections back
    // (PostgreSQL allows 100), the active one may use as many as the app needs (intake requests hold
    // two at once: the request's transaction and a REQUIRES_NEW one).
    properties.put("spring.datasource.hikari.maximum-pool-size", "10");
    properties.put("spring.datasource.hikari.minimum-idle", "0");
    properties.put("spring.datasource.hikari.idle-timeout", "10000");
    context.getEnvironment().getPropertySources()
        .addFirst(new MapPropertySource("postgresTestDatabase", properties));
  }
}
