package org.incidentresponse.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * Renders a notification template into subject, plain text and HTML.
 *
 * <p>Bodies come from {@code templates/notifications/<name>.html} (HTML mode: {@code th:text}
 * escapes) and {@code <name>.txt} (TEXT mode: values are written as they are); subjects are
 * TEXT-mode inline templates from {@link NotificationProperties}.
 */
@Component
public class NotificationRenderer {

  /** Drill notifications must never be mistaken for a real incident, whatever a template says. */
  static final String DRILL_PREFIX = "[DRILL] ";

  private final NotificationProperties properties;
  private final TemplateEngine html = fileEngine(".html", TemplateMode.HTML);
  private final TemplateEngine text = fileEngine(".txt", TemplateMode.TEXT);
  private final TemplateEngine subjects = subjectEngine();

  public NotificationRenderer(NotificationProperties properties) {
    this.properties = properties;
  }

  /**
   * @param template a configured template name, e.g. {@code initial}
   * @param processVariables the incident's variables
   * @param processInstanceId the incident's process instance, for links
   * @param external true for the customer-facing version, without internal details and links
   */
  public RenderedNotification render(String template, Map<String, Object> processVariables,
      String processInstanceId, boolean external) {
    NotificationProperties.Template settings = properties.template(template);
    NotificationModel model = NotificationModel.of(processVariables, processInstanceId, properties.appUrl());
    Context context = new Context();
    context.setVariables(model.forAudience(external));
    String subject = subjects.process(external ? settings.externalSubject() : settings.subject(), context);
    return new RenderedNotification(
        (model.isDrill() ? DRILL_PREFIX : "") + oneLine(subject),
        tidy(text.process("notifications/" + template, context)),
        html.process("notifications/" + template, context));
  }

  /**
   * The chat variant of a template, {@code templates/notifications/chat/<name>.txt}, and the subject as
   * its headline, for internal chat channels. Every text value the template sees passes through
   * {@code escape} first (the chat's own escaping), so that a title cannot mention, format or link.
   *
   * @param escape the chat format's escaping of user text; the identity for plain-text fields
   */
  public RenderedChat renderChat(String template, Map<String, Object> processVariables, String processInstanceId,
      UnaryOperator<String> escape) {
    NotificationProperties.Template settings = properties.template(template);
    NotificationModel model = NotificationModel.of(processVariables, processInstanceId, properties.appUrl());
    Context context = new Context();
    Map<String, Object> escaped = new LinkedHashMap<>();
    model.forAudience(false).forEach((name, value) -> escaped.put(name, escapeAll(value, escape)));
    context.setVariables(escaped);
    return new RenderedChat(
        (model.isDrill() ? DRILL_PREFIX : "") + oneLine(subjects.process(settings.subject(), context)),
        tidy(text.process("notifications/chat/" + template, context)).strip());
  }

  private static Object escapeAll(Object value, UnaryOperator<String> escape) {
    if (value instanceof String text) {
      return escape.apply(text);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> escaped = new LinkedHashMap<>();
      map.forEach((k, v) -> escaped.put(k, escapeAll(v, escape)));
      return escaped;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> escapeAll(v, escape)).toList();
    }
    return value;
  }

  /** A subject is a mail header: line breaks in a title would break it (or inject headers). */
  private static String oneLine(String subject) {
    return subject.replaceAll("(?U)[\\p{Cntrl}\\s]+", " ").strip();
  }

  /** Optional blocks leave blank lines behind in text templates; keep at most one between paragraphs. */
  private static String tidy(String text) {
    return text.replaceAll("[ \\t]+\\R", "\n").replaceAll("\\R{3,}", "\n\n").strip() + "\n";
  }

  private static TemplateEngine fileEngine(String suffix, TemplateMode mode) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(suffix);
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding("UTF-8");
    // A missing file must fail the notification, not render as an empty message.
    resolver.setCheckExistence(true);
    TemplateEngine engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }

  private static TemplateEngine subjectEngine() {
    StringTemplateResolver resolver = new StringTemplateResolver();
    resolver.setTemplateMode(TemplateMode.TEXT);
    TemplateEngine engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }
}
