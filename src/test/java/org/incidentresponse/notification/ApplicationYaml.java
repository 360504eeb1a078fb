package org.incidentresponse.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

/** The notification settings exactly as the shipped application.yaml declares them, placeholders and all. */
public final class ApplicationYaml {

  private ApplicationYaml() {
  }

  public static NotificationProperties notificationProperties() {
    try {
      MutablePropertySources sources = new MutablePropertySources();
      new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
          .forEach(sources::addLast);
      return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
          .bindOrCreate("incident-response.notifications", NotificationProperties.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
