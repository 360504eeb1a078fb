package org.incidentresponse.outbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;
import org.incidentresponse.notification.NotificationRenderer;
import org.incidentresponse.notification.RenderedChat;
import org.springframework.stereotype.Component;

/**
 * A Slack incoming-webhook body: a {@code text} fallback (notifications, old clients) and Block Kit
 * {@code blocks}: a header (number, severity, title), the wording of the chat template, the fields
 * service, status, commander and next update, and buttons to Tasklist, the audit and the runbook.
 *
 * <p>User text is escaped for mrkdwn ({@code &}, {@code <}, {@code >}), so a title cannot say
 * {@code <!channel>} or make a link; the header is {@code plain_text}, which Slack never formats.
 */
@Component
class SlackFormat implements OutboundFormat {

  /** Block Kit's limits: header text, section text, field text, button text. */
  private static final int HEADER_MAX = 150;
  private static final int SECTION_MAX = 3000;
  private static final int FIELD_MAX = 2000;
  private static final int BUTTON_MAX = 75;

  static final UnaryOperator<String> MRKDWN = text -> text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");

  private final NotificationRenderer renderer;

  SlackFormat(NotificationRenderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.SLACK;
  }

  @Override
  public Payload payload(IncidentNotice notice, String eventId) {
    RenderedChat chat = renderer.renderChat(notice.template(), notice.variables(), notice.processInstanceId(), MRKDWN);
    ObjectNode message = SafeJson.object();
    message.put("text", chat.headline());
    ArrayNode blocks = message.putArray("blocks");

    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", cut(notice.header(), HEADER_MAX)).put("emoji", false);

    if (!chat.text().isBlank()) {
      blocks.addObject().put("type", "section").putObject("text")
          .put("type", "mrkdwn").put("text", cut(chat.text(), SECTION_MAX));
    }
    if (!notice.fields().isEmpty()) {
      ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
      notice.fields().forEach((label, value) -> fields.addObject().put("type", "mrkdwn")
          .put("text", cut("*" + label + "*\n" + MRKDWN.apply(value), FIELD_MAX)));
    }
    if (!notice.links().isEmpty()) {
      ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
      notice.links().forEach((label, url) -> {
        ObjectNode button = buttons.addObject().put("type", "button");
        button.putObject("text").put("type", "plain_text").put("text", cut(label, BUTTON_MAX));
        button.put("url", url);
      });
    }
    blocks.addObject().put("type", "context").putArray("elements").addObject()
        .put("type", "mrkdwn").put("text", MRKDWN.apply("Incident Response · " + notice.template()));
    return new Payload("application/json", SafeJson.write(message));
  }

  /** Slack refuses a block whose text is too long; a cut message is better than none. */
  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
