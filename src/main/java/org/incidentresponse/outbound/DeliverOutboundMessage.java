package org.incidentresponse.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The step {@code Task_DeliverMessage}: posts the delivery's body to its channel, and signs it when
 * the channel is a webhook. A 2xx is recorded as the local variable {@code delivery}; anything else
 * throws {@link DeliveryFailed}, which {@link OutboundRetries} turns into the job's next attempt or
 * a Cockpit incident.
 */
@Component("deliverOutboundMessage")
class DeliverOutboundMessage implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(DeliverOutboundMessage.class);

  /** How much of a refusing answer goes into the Cockpit incident. */
  private static final int BODY_EXCERPT = 300;

  private final Destinations destinations;
  private final OutboundProperties properties;
  private final OutboundMetrics metrics;
  private final HttpClient http;

  DeliverOutboundMessage(Destinations destinations, OutboundProperties properties, OutboundMetrics metrics) {
    this.destinations = destinations;
    this.properties = properties;
    this.metrics = metrics;
    this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public void execute(DelegateExecution execution) {
    String channel = (String) execution.getVariable(OutboundDelivery.CHANNEL);
    Destination destination = destinations.byId(channel).orElseThrow(() -> DeliveryFailed.rejected(
        "Channel " + channel + " is no longer configured; nothing was sent"));
    String eventId = (String) execution.getVariable(OutboundDelivery.EVENT_ID);
    String template = (String) execution.getVariable(OutboundDelivery.TEMPLATE);
    int attempts = attempts(execution);
    int status;
    try {
      status = post(destination, execution, eventId);
    } catch (DeliveryFailed failed) {
      metrics.failed(destination);
      log.warn("Delivery {} of {} to {} failed (attempt {}): {}", eventId, execution.getProcessBusinessKey(),
          destination.id(), attempts, failed.getMessage());
      throw failed;
    }
    metrics.sent(destination);
    DeliveryRecord record = new DeliveryRecord(destination.id(), template, eventId, status, attempts,
        ClockUtil.getCurrentTime().toInstant());
    execution.setVariableLocal(OutboundDelivery.DELIVERY, record.encode());
    log.info("Delivered {} to {} ({}, attempt {})", execution.getProcessBusinessKey(), destination.id(), status, attempts);
  }

  private int post(Destination destination, DelegateExecution execution, String eventId) {
    String body = body(execution);
    HttpRequest.Builder request = HttpRequest.newBuilder(destination.url())
        .timeout(properties.requestTimeout())
        .header("Content-Type", (String) execution.getVariable(OutboundDelivery.CONTENT_TYPE) + "; charset=utf-8")
        .header("User-Agent", "IncidentResponse-Outbound")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (destination.kind() == ChannelKind.WEBHOOK) {
      // The attempt's own time, as Standard Webhooks wants: receivers refuse old timestamps (replays).
      long timestamp = ClockUtil.getCurrentTime().toInstant().getEpochSecond();
      request.header("webhook-id", eventId)
          .header("webhook-timestamp", Long.toString(timestamp))
          .header("webhook-signature", new WebhookSignature(destination.secret()).sign(eventId, timestamp, body));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException timeout) {
      throw DeliveryFailed.retry(destination.id() + " did not answer within "
          + properties.requestTimeout().toSeconds() + " s");
    } catch (IOException unreachable) {
      // Not the exception's text: it may carry the URL.
      throw DeliveryFailed.retry(destination.id() + " is unreachable (" + unreachable.getClass().getSimpleName() + ")");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw DeliveryFailed.retry(destination.id() + ": interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return status;
    }
    String answer = destination.id() + " answered " + status + ": " + excerpt(response.body());
    if (status == 429) {
      Instant retryAt = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
      throw retryAt == null ? DeliveryFailed.retry(answer) : DeliveryFailed.retryAt(answer + " (retry after " + retryAt + ")", retryAt);
    }
    if (status >= 400 && status < 500 && status != 408) {
      throw DeliveryFailed.rejected(answer);
    }
    throw DeliveryFailed.retry(answer);
  }

  private static String body(DelegateExecution execution) {
    FileValue payload = execution.getVariableTyped(OutboundDelivery.PAYLOAD);
    try (InputStream in = payload.getValue()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Retry-After as seconds or an HTTP date, against the engine clock; null when absent or unreadable. */
  static Instant retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    try {
      return now.plus(Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip()))));
    } catch (NumberFormatException notSeconds) {
      try {
        return ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static String excerpt(String body) {
    String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= BODY_EXCERPT ? oneLine : oneLine.substring(0, BODY_EXCERPT) + "…";
  }

  /** This attempt's number: the failures the job log recorded for this delivery, plus one. */
  private static int attempts(DelegateExecution execution) {
    long failures = execution.getProcessEngineServices().getHistoryService().createHistoricJobLogQuery()
        .processInstanceId(execution.getProcessInstanceId()).failureLog().count();
    return (int) failures + 1;
  }
}
