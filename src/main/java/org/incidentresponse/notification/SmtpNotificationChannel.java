package org.incidentresponse.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Sends notifications as multipart (plain text and HTML) e-mail through the configured SMTP server. */
public class SmtpNotificationChannel implements NotificationChannel {

  private final JavaMailSender mailSender;
  private final String from;

  public SmtpNotificationChannel(JavaMailSender mailSender, String from) {
    this.mailSender = mailSender;
    this.from = from;
  }

  @Override
  public String name() {
    return "smtp";
  }

  @Override
  public void send(OutgoingNotification notification) {
    try {
      MimeMessage message = mailSender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
      helper.setFrom(from);
      helper.setTo(notification.to().toArray(String[]::new));
      helper.setSubject(notification.content().subject());
      helper.setText(notification.content().text(), notification.content().html());
      mailSender.send(message);
    } catch (MessagingException | MailException e) {
      // Thrown on purpose: the job is retried, then becomes an incident an operator sees in Cockpit.
      throw new NotificationDeliveryException("Sending notification '" + notification.template() + "' to "
          + notification.to().size() + " recipient(s) by SMTP failed: " + e.getMessage(), e);
    }
  }
}
