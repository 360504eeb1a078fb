package org.incidentresponse.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.StringUtils;

/**
 * Chooses the {@link NotificationChannel}: SMTP when {@code spring.mail.host} (or {@code jndi-name})
 * has a value, the log otherwise.
 *
 * <p>The JavaMailSender bean is no signal: Spring Boot creates one as soon as {@code spring.mail.host}
 * is present, and application.yaml declares it empty ({@code host: ""}) so that the environment can set it.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationChannelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NotificationChannelConfiguration.class);

  @Bean
  NotificationChannel notificationChannel(Environment environment, ObjectProvider<JavaMailSender> mailSender,
      NotificationProperties properties) {
    if (StringUtils.hasText(environment.getProperty("spring.mail.host"))
        || StringUtils.hasText(environment.getProperty("spring.mail.jndi-name"))) {
      return new SmtpNotificationChannel(mailSender.getIfAvailable(() -> {
        throw new IllegalStateException("spring.mail.host is set, but there is no JavaMailSender bean");
      }), properties.from());
    }
    log.warn("Mail is not configured (spring.mail.host is empty): notifications are written to the log and "
        + "recorded in each incident's history, but not sent. To send e-mail, set SPRING_MAIL_HOST and "
        + "SPRING_MAIL_PORT (and SPRING_MAIL_USERNAME / SPRING_MAIL_PASSWORD if the server requires them).");
    return new LogNotificationChannel();
  }
}
