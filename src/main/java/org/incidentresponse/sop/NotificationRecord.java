package org.incidentresponse.sop;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a notification step sent, kept as its local variable {@code notification}
 * ({@link IncidentVariable#NOTIFICATION}) so that the incident's history lists every notification.
 * Written by {@code sendNotification}, read by the audit and the tests: {@link #encode()} and
 * {@link #decode(String)} are the one JSON form of it.
 *
 * @param template the {@link NotificationTemplate} id
 * @param subject the subject internal recipients saw (the customer subject when only customers were notified)
 * @param recipients every address notified, internal and external
 * @param externalRecipients the external contacts among them, each of whom got a separate customer-facing message
 * @param channel {@code smtp} or {@code log}
 * @param sentAt engine time
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationRecord(String template, String subject, List<String> recipients,
    List<String> externalRecipients, String channel, Instant sentAt) {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  public NotificationRecord {
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
    externalRecipients = externalRecipients == null ? List.of() : List.copyOf(externalRecipients);
  }

  public Optional<NotificationTemplate> knownTemplate() {
    return NotificationTemplate.byId(template);
  }

  /** {@code {"template":"initial","subject":...,"sentAt":"2026-11-30T10:00:00Z"}} */
  public String encode() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write notification record " + this, e);
    }
  }

  /** The record in {@code json}; empty for text that is not one (a variable written by something else). */
  public static Optional<NotificationRecord> decode(String json) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(JSON.readValue(json, NotificationRecord.class));
    } catch (JsonProcessingException notARecord) {
      return Optional.empty();
    }
  }
}
