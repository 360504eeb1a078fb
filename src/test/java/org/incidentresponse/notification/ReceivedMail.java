package org.incidentresponse.notification;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One e-mail as its recipient sees it: headers, decoded text and HTML parts, and the raw message
 * (to check that no address leaks anywhere in it).
 */
record ReceivedMail(String subject, List<String> to, List<String> cc, String text, String html, String raw) {

  static ReceivedMail of(MimeMessage message) {
    try {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      message.writeTo(raw);
      Parts parts = new Parts();
      parts.collect(message);
      return new ReceivedMail(message.getSubject(), addresses(message, Message.RecipientType.TO),
          addresses(message, Message.RecipientType.CC), parts.text, parts.html,
          raw.toString(StandardCharsets.UTF_8));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ReceivedMail> of(MimeMessage[] messages) {
    return Arrays.stream(messages).map(ReceivedMail::of).toList();
  }

  private static List<String> addresses(MimeMessage message, Message.RecipientType type) throws MessagingException {
    var addresses = message.getRecipients(type);
    return addresses == null ? List.of()
        : Arrays.stream(addresses).map(address -> ((InternetAddress) address).getAddress()).toList();
  }

  private static final class Parts {
    private String text;
    private String html;

    void collect(Part part) throws MessagingException, IOException {
      if (part.isMimeType("text/plain")) {
        text = (String) part.getContent();
      } else if (part.isMimeType("text/html")) {
        html = (String) part.getContent();
      } else if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          collect(child);
        }
      }
    }
  }
}
