package org.incidentresponse.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.camunda.bpm.engine.IdentityService;
import org.incidentresponse.sop.NotificationTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The notification beans in a Spring context with the shipped application.yaml (no engine, no SOP):
 * which channel is chosen for which mail settings, and the start-up warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class NotificationWiringTest {

  private static final String NOT_CONFIGURED = "Mail is not configured (spring.mail.host is empty)";

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withInitializer(new ConfigDataApplicationContextInitializer())
      .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
      .withBean(IdentityService.class, () -> mock(IdentityService.class))
      .withUserConfiguration(NotificationFeature.class);

  @Configuration(proxyBeanMethods = false)
  @ComponentScan(basePackageClasses = SendNotificationDelegate.class)
  @EnableConfigurationProperties(NotificationProperties.class)
  static class NotificationFeature {
  }

  @Test
  void theShippedConfigurationWithoutAHostMeansTheLogChannel(CapturedOutput output) {
    context.run(app -> {
      assertThat(app).hasNotFailed();
      // No host, so no mail sender and no mail health check reporting localhost:25 as DOWN.
      assertThat(app).doesNotHaveBean(JavaMailSender.class);
      assertThat(app.getBean(NotificationChannel.class)).isInstanceOf(LogNotificationChannel.class);
      assertThat(app.getBean("sendNotification")).isInstanceOf(SendNotificationDelegate.class);
    });
    assertThat(output.getOut().split(java.util.regex.Pattern.quote(NOT_CONFIGURED), -1)).hasSize(2);
    assertThat(output).contains("WARN", "set SPRING_MAIL_HOST and SPRING_MAIL_PORT");
  }

  @Test
  void aBlankHostFromTheEnvironmentIsNotConfiguredEither() {
    // Spring Boot creates a mail sender as soon as spring.mail.host is present, even blank.
    context.withPropertyValues("spring.mail.host=  ").run(app -> {
      assertThat(app).hasSingleBean(JavaMailSender.class);
      assertThat(app.getBean(NotificationChannel.class)).isInstanceOf(LogNotificationChannel.class);
    });
  }

  @Test
  void aMailHostSelectsSmtpWithoutTheWarning(CapturedOutput output) {
    context.withPropertyValues("spring.mail.host=mail.example.org", "spring.mail.port=2525").run(app -> {
      assertThat(app.getBean(NotificationChannel.class)).isInstanceOf(SmtpNotificationChannel.class);
      assertThat(app.getBean(NotificationChannel.class).name()).isEqualTo("smtp");
    });
    assertThat(output).doesNotContain(NOT_CONFIGURED);
  }

  @Test
  void subjectsSurviveSpringPlaceholderResolution() {
    // Were subjects written with ${title}, Spring would put this property in place of the incident's title.
    context.withPropertyValues("title=FROM-THE-ENVIRONMENT").run(app -> {
      NotificationProperties properties = app.getBean(NotificationProperties.class);
      assertThat(properties.template("initial").subject())
          .isEqualTo("[(|[*{severity}]|)] [(*{incidentNumber})] New incident: [(*{title})]");
      assertThat(properties.appUrl()).isEqualTo("http://localhost:8080/camunda");
      assertThat(properties.from()).isEqualTo("incident-response@localhost");
      assertThat(properties.templates().keySet()).containsAll(NotificationTemplate.ids());
    });
  }

  @Test
  void aTemplateWithoutSubjectStopsStartUp() {
    context.withPropertyValues("incident-response.notifications.templates.initial.subject=")
        .run(app -> assertThat(app).getFailure().rootCause().hasMessage("a notification template needs a subject"));
  }
}
