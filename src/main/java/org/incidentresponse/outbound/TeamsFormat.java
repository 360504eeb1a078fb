package org.incidentresponse.outbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.incidentresponse.notification.NotificationRenderer;
import org.incidentresponse.notification.RenderedChat;
import org.springframework.stereotype.Component;

/**
 * A Microsoft Teams Workflows (Power Automate) webhook body: a message with one Adaptive Card 1.5
 * attachment: the header, the chat template's wording, a FactSet (service, status, commander, next
 * update) and Action.OpenUrl buttons. The retired Office 365 connector card is not used.
 *
 * <p>TextBlocks understand a Markdown subset; user text has its Markdown characters escaped with a
 * backslash, so a title cannot make a link or format the card.
 */
@Component
class TeamsFormat implements OutboundFormat {

  private static final Pattern MARKDOWN = Pattern.compile("[\\\\`*_{}\\[\\]()#+\\-.!|<>~]");

  static final UnaryOperator<String> MARKDOWN_TEXT = text ->
      MARKDOWN.matcher(text).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));

  private final NotificationRenderer renderer;

  TeamsFormat(NotificationRenderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.TEAMS;
  }

  @Override
  public Payload payload(IncidentNotice notice, String eventId) {
    RenderedChat chat = renderer.renderChat(notice.template(), notice.variables(), notice.processInstanceId(),
        MARKDOWN_TEXT);
    RenderedChat plain = renderer.renderChat(notice.template(), notice.variables(), notice.processInstanceId(),
        UnaryOperator.identity());
    ObjectNode message = SafeJson.object().put("type", "message");
    ObjectNode attachment = message.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.5");
    // Shown where the card cannot be (notifications, old clients): plain text, not Markdown.
    card.put("fallbackText", plain.headline());
    ArrayNode body = card.putArray("body");
    body.addObject().put("type", "TextBlock").put("text", MARKDOWN_TEXT.apply(notice.header()))
        .put("style", "heading").put("size", "Large").put("weight", "Bolder").put("wrap", true)
        .put("color", "SEV1".equals(notice.severity()) || "SEV2".equals(notice.severity()) ? "Attention" : "Default");
    if (!chat.text().isBlank()) {
      body.addObject().put("type", "TextBlock").put("text", chat.text()).put("wrap", true);
    }
    if (!notice.fields().isEmpty()) {
      ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
      notice.fields().forEach((label, value) -> facts.addObject().put("title", label)
          .put("value", MARKDOWN_TEXT.apply(value)));
    }
    if (!notice.links().isEmpty()) {
      ArrayNode actions = card.putArray("actions");
      notice.links().forEach((label, url) -> actions.addObject().put("type", "Action.OpenUrl")
          .put("title", label).put("url", url));
    }
    return new Payload("application/json", SafeJson.write(message));
  }
}
