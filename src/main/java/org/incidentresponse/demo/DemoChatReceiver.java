package org.incidentresponse.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The quick start's stand-in for Slack, Mattermost, Teams and a webhook consumer, so that
 * {@code ./mvnw spring-boot:run} shows chat without accounts anywhere: the demo channels of
 * application-demo.yaml post to {@code /demo/chat/<kind>/<name>}, and {@code /demo/chat} lists what
 * arrived. Webhook events are verified as a real consumer would (docs/chat-and-webhooks.md), with the
 * receiver's own HMAC code rather than the sender's, and refused with 401 when the signature is wrong.
 */
@RestController
@Profile("demo")
class DemoChatReceiver {

  static final String PATH = "/demo/chat";
  private static final Set<String> KINDS = Set.of("slack", "mattermost", "teams", "webhook");
  /** Standard Webhooks' advice: refuse timestamps further than five minutes from now (replays). */
  private static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DemoChatInbox inbox;
  private final byte[] webhookKey;

  DemoChatReceiver(DemoChatInbox inbox, @Value("${incident-response.demo.chat-webhook-secret}") String webhookSecret) {
    this.inbox = inbox;
    this.webhookKey = webhookSecret.startsWith("whsec_")
        ? Base64.getDecoder().decode(webhookSecret.substring("whsec_".length()))
        : webhookSecret.getBytes(StandardCharsets.UTF_8);
  }

  @PostMapping(PATH + "/{kind}/{channel}")
  ResponseEntity<Object> receive(@PathVariable String kind, @PathVariable String channel, @RequestBody String body,
      @RequestHeader(name = "webhook-id", required = false) String id,
      @RequestHeader(name = "webhook-timestamp", required = false) String timestamp,
      @RequestHeader(name = "webhook-signature", required = false) String signatures) {
    if (!KINDS.contains(kind)) {
      return problem(HttpStatus.NOT_FOUND, "no demo receiver for '" + kind + "'; use " + KINDS);
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException notJson) {
      return problem(HttpStatus.BAD_REQUEST, "the body is not JSON");
    }
    String signature = null;
    if (kind.equals("webhook")) {
      if (!verified(id, timestamp, signatures, body)) {
        return problem(HttpStatus.UNAUTHORIZED, "the webhook-signature does not match, or the timestamp is too old");
      }
      signature = "verified";
    }
    inbox.add(new DemoChatInbox.Message(Instant.now(), kind, channel, headline(kind, json), signature, body));
    return ResponseEntity.noContent().build();
  }

  private boolean verified(String id, String timestamp, String signatures, String body) {
    if (id == null || timestamp == null || signatures == null) {
      return false;
    }
    try {
      Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
      if (Duration.between(sent, Instant.now()).abs().compareTo(TOLERANCE) > 0) {
        return false;
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(webhookKey, "HmacSHA256"));
      byte[] expected = ("v1," + Base64.getEncoder().encodeToString(
          mac.doFinal((id + "." + timestamp.strip() + "." + body).getBytes(StandardCharsets.UTF_8))))
          .getBytes(StandardCharsets.UTF_8);
      for (String candidate : signatures.strip().split(" ")) {
        if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
          return true;
        }
      }
      return false;
    } catch (NumberFormatException | GeneralSecurityException unreadable) {
      return false;
    }
  }

  /** What the client would show first: Slack's and Mattermost's text, the card's fallback, the event's type and subject. */
  private static String headline(String kind, JsonNode json) {
    return switch (kind) {
      case "teams" -> json.path("attachments").path(0).path("content").path("fallbackText").asText();
      case "webhook" -> json.path("type").asText() + " " + json.path("subject").asText();
      default -> json.path("text").asText();
    };
  }

  @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
  String page() {
    StringBuilder html = new StringBuilder("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Demo chat</title>
        <style>body{font-family:sans-serif;margin:2em}article{border:1px solid #ccc;border-radius:6px;margin:1em 0;padding:.5em 1em}
        .meta{color:#555;font-size:.9em}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em;max-height:20em;overflow:auto}</style>
        </head><body><h1>Demo chat</h1>
        <p>What the demo's Slack, Mattermost and Teams channels and its signed webhook received (application-demo.yaml,
        docs/chat-and-webhooks.md), newest first. Reload to see new messages.</p>
        """);
    var messages = inbox.all();
    if (messages.isEmpty()) {
      html.append("<p>Nothing yet: open an incident, or wait for the demo incidents' notifications.</p>");
    }
    for (DemoChatInbox.Message message : messages) {
      html.append("<article><p class=\"meta\">").append(HtmlUtils.htmlEscape(message.receivedAt().toString()))
          .append(" · <strong>").append(HtmlUtils.htmlEscape(message.kind() + "/" + message.channel())).append("</strong>");
      if (message.signature() != null) {
        html.append(" · signature ").append(HtmlUtils.htmlEscape(message.signature()));
      }
      html.append("</p><h2>").append(HtmlUtils.htmlEscape(message.headline())).append("</h2><details><summary>Payload</summary><pre>")
          .append(HtmlUtils.htmlEscape(pretty(message.body()))).append("</pre></details></article>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static String pretty(String body) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
    } catch (JsonProcessingException unreadable) {
      return body;
    }
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
