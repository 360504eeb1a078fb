package org.incidentresponse;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at {@link TestMailServer} (registered in
 * META-INF/spring.factories). A {@code @DynamicPropertySource} method in each test class did this
 * before, but Spring keys its context cache on those methods, so no two classes could share a context.
 */
public class TestMailServerCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    return new SmtpProperties();
  }

  /** Equal for every test class, so that it never splits the context cache. */
  static final class SmtpProperties implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      // First, as @DynamicPropertySource was: no SPRING_MAIL_HOST of the machine sends test mail elsewhere.
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testMailServer", Map.of(
          "spring.mail.host", "127.0.0.1",
          "spring.mail.port", TestMailServer.get().getSmtp().getPort())));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof SmtpProperties;
    }

    @Override
    public int hashCode() {
      return SmtpProperties.class.hashCode();
    }
  }
}
