package org.incidentresponse.outbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.incidentresponse.notification.NotificationRenderer;
import org.incidentresponse.notification.RenderedChat;
import org.springframework.stereotype.Component;

/**
 * A Mattermost incoming-webhook body: {@code text} and one attachment coloured by severity, with the
 * header as its title, the chat template's wording, short fields and Markdown links.
 *
 * <p>User text is Markdown-escaped with backslashes, and {@code @} is followed by a zero-width
 * space, so a title cannot mention {@code @channel}, make a link or format the message.
 */
@Component
class MattermostFormat implements OutboundFormat {

  private static final Pattern MARKDOWN = Pattern.compile("[\\\\`*_{}\\[\\]()#+\\-.!|<>~]");

  static final UnaryOperator<String> MARKDOWN_TEXT = text ->
      MARKDOWN.matcher(text).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group())).replace("@", "@\u200B");

  static final UnaryOperator<String> MENTIONS = text -> text.replace("@", "@\u200B");

  /** SEV1 red to SEV4 grey; anything else (no severity yet) blue. */
  private static final Map<String, String> COLOURS = Map.of("SEV1", "#d62728", "SEV2", "#ff7f0e",
      "SEV3", "#f2c744", "SEV4", "#7f7f7f");

  private final NotificationRenderer renderer;

  MattermostFormat(NotificationRenderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.MATTERMOST;
  }

  @Override
  public Payload payload(IncidentNotice notice, String eventId) {
    RenderedChat chat = renderer.renderChat(notice.template(), notice.variables(), notice.processInstanceId(),
        MARKDOWN_TEXT);
    ObjectNode message = SafeJson.object();
    message.put("text", chat.headline());
    ObjectNode attachment = message.putArray("attachments").addObject();
    // Shown in notifications, which do not render Markdown: without the escaping backslashes, mentions still broken.
    attachment.put("fallback", renderer.renderChat(notice.template(), notice.variables(), notice.processInstanceId(),
        MENTIONS).headline());
    attachment.put("color", COLOURS.getOrDefault(notice.severity(), "#1f77b4"));
    attachment.put("title", MARKDOWN_TEXT.apply(notice.header()));
    StringBuilder text = new StringBuilder(chat.text());
    if (!notice.links().isEmpty()) {
      text.append(text.isEmpty() ? "" : "\n\n");
      notice.links().forEach((label, url) -> text.append('[').append(MARKDOWN_TEXT.apply(label)).append("](")
          .append(linkTarget(url)).append(") "));
    }
    attachment.put("text", text.toString().strip());
    ArrayNode fields = attachment.putArray("fields");
    notice.fields().forEach((label, value) -> fields.addObject().put("short", true).put("title", label)
        .put("value", MARKDOWN_TEXT.apply(value)));
    attachment.put("footer", "Incident Response · " + notice.template());
    return new Payload("application/json", SafeJson.write(message));
  }

  /** A URL inside {@code (...)}: characters that would end the link or the Markdown are percent-encoded. */
  static String linkTarget(String url) {
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E");
  }
}
