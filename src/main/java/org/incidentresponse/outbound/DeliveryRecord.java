package org.incidentresponse.outbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Optional;

/**
 * What a delivery did, kept as the delivery step's local variable {@code delivery} so that the
 * incident's audit lists it: never the channel's URL.
 *
 * @param channel {@code slack/ops}
 * @param template the notification
 * @param eventId the message id, the same on every attempt
 * @param status the receiver's HTTP status
 * @param attempts how many attempts it took, this one included
 * @param deliveredAt engine time
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryRecord(String channel, String template, String eventId, int status, int attempts,
    Instant deliveredAt) {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  public String encode() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write delivery record " + this, e);
    }
  }

  public static Optional<DeliveryRecord> decode(String json) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(JSON.readValue(json, DeliveryRecord.class));
    } catch (JsonProcessingException notARecord) {
      return Optional.empty();
    }
  }
}
