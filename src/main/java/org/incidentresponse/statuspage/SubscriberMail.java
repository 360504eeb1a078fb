package org.incidentresponse.statuspage;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Map;
import org.incidentresponse.notification.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Mail to subscribers: plain text from {@code templates/status/mail/*.txt}, from the notifications'
 * sender address. Every mail carries its unsubscribe link in the text and in the
 * {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} headers (RFC 8058, one click). Without
 * SMTP configured ({@code spring.mail.host}), mail is written to the log, as notifications are.
 */
@Component
class SubscriberMail {

  private static final Logger log = LoggerFactory.getLogger(SubscriberMail.class);

  private final TemplateEngine text = engine();
  private final JavaMailSender sender;
  private final String from;
  private final StatusPageProperties properties;

  SubscriberMail(Environment environment, ObjectProvider<JavaMailSender> sender, NotificationProperties notifications,
      StatusPageProperties properties) {
    this.sender = StringUtils.hasText(environment.getProperty("spring.mail.host")) ? sender.getIfAvailable() : null;
    this.from = notifications.from();
    this.properties = properties;
  }

  String confirmLink(Subscriber subscriber) {
    return properties.url() + "/subscriptions/confirm?token=" + subscriber.token();
  }

  String unsubscribeLink(Subscriber subscriber) {
    return properties.url() + "/subscriptions/unsubscribe?token=" + subscriber.token();
  }

  void send(Subscriber subscriber, String template, String subject, Map<String, Object> model) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariables(model);
    context.setVariable("title", properties.title());
    context.setVariable("pageUrl", properties.url().toString());
    context.setVariable("confirmLink", confirmLink(subscriber));
    context.setVariable("unsubscribeLink", unsubscribeLink(subscriber));
    String body = text.process("status/mail/" + template, context);
    String oneLineSubject = (properties.title() + ": " + subject).replaceAll("(?U)[\\p{Cntrl}\\s]+", " ").strip();
    if (sender == null) {
      log.info("Status page mail '{}' not sent (mail is not configured): {}", template, oneLineSubject);
      return;
    }
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(from);
      helper.setTo(subscriber.email());
      helper.setSubject(oneLineSubject);
      helper.setText(body, false);
      message.setHeader("List-Unsubscribe", "<" + unsubscribeLink(subscriber) + ">");
      message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      sender.send(message);
    } catch (MessagingException e) {
      throw new IllegalStateException("status page mail could not be built", e);
    }
  }

  private static TemplateEngine engine() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(".txt");
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    TemplateEngine engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }
}
