package org.incidentresponse.notification;

import java.util.Map;
import java.util.TreeSet;
import org.incidentresponse.sop.NotificationTemplate;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Notification settings: sender, links and, per template, its subject and audience.
 *
 * <p>The message bodies live in {@code templates/notifications/<name>.html} and {@code .txt};
 * this is the rest of a template's definition, so that wording and audiences change without code.
 *
 * @param from sender address of every notification
 * @param appUrl base URL of the Camunda webapps, for links to Tasklist and Cockpit in internal messages
 * @param templates per template name: subject and audience
 */
@ConfigurationProperties("incident-response.notifications")
public record NotificationProperties(String from, String appUrl, Map<String, Template> templates) {

  public NotificationProperties {
    from = from == null || from.isBlank() ? "incident-response@localhost" : from.strip();
    appUrl = appUrl == null || appUrl.isBlank() ? "http://localhost:8080/camunda" : appUrl.strip();
    // Links are built as appUrl + "/app/...", so one trailing slash in the setting must not double.
    appUrl = appUrl.endsWith("/") ? appUrl.substring(0, appUrl.length() - 1) : appUrl;
    templates = templates == null ? Map.of() : Map.copyOf(templates);
    // Every template the SOP sends must be configured: start-up fails otherwise, not the first incident.
    TreeSet<String> missing = new TreeSet<>(NotificationTemplate.ids());
    missing.removeAll(templates.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("incident-response.notifications.templates lacks " + missing);
    }
  }

  /** The settings of one template; fails with the configured names when there is none. */
  public Template template(String name) {
    Template template = templates.get(name);
    if (template == null) {
      throw new IllegalArgumentException("Unknown notification template '" + name
          + "'; configured: " + new TreeSet<>(templates.keySet()));
    }
    return template;
  }

  /**
   * One template's subject and audience.
   *
   * @param subject Thymeleaf TEXT-mode inline template over the process variables, e.g.
   *     {@code [(${incidentNumber})] [(${title})]}
   * @param externalSubject subject for external contacts (customers); the subject when unset
   * @param audience who receives it
   */
  public record Template(String subject, String externalSubject, Audience audience) {

    public Template {
      if (subject == null || subject.isBlank()) {
        throw new IllegalArgumentException("a notification template needs a subject");
      }
      if (audience == null) {
        throw new IllegalArgumentException("notification template '" + subject + "' needs an audience");
      }
      externalSubject = externalSubject == null || externalSubject.isBlank() ? subject : externalSubject;
    }
  }
}
