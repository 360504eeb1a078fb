package org.incidentresponse.oncall;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentresponse.notification.NotificationChannel;
import org.incidentresponse.notification.OutgoingNotification;
import org.incidentresponse.notification.RenderedNotification;
import org.incidentresponse.notification.UserDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Step {@code Task_TellCoveredPerson} of "Cover an on-call shift": mails the person covered who took
 * over, when, and the note. The wording is in {@code templates/oncall/shift-cover/tell-covered-person.txt}
 * (first line: the subject).
 */
@Component("tellCoveredPerson")
class TellCoveredPerson implements JavaDelegate {

  static final String TEMPLATE = "oncall/shift-cover/tell-covered-person";

  private final OnCall onCall;
  private final NotificationChannel channel;
  private final UserDirectory users;
  private final String appUrl;
  private final TemplateEngine templates = templates();

  TellCoveredPerson(OnCall onCall, NotificationChannel channel, UserDirectory users,
      @Value("${incident-response.notifications.app-url:}") String appUrl) {
    this.onCall = onCall;
    this.channel = channel;
    this.users = users;
    this.appUrl = appUrl;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String covered = (String) execution.getVariable(ShiftCover.COVERED_USER);
    var address = users.userAddress(covered);
    if (address.isEmpty()) {
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("coverBy", execution.getVariable(ShiftCover.COVER_BY));
    model.put("coveredUser", covered);
    model.put("layer", execution.getVariable(ShiftCover.LAYER));
    String teamId = (String) execution.getVariable(ShiftCover.TEAM);
    model.put("teamId", teamId);
    model.put("team", onCall.catalog().team(teamId).map(Team::name).orElse(teamId));
    model.put("start", execution.getVariable(ShiftCover.START_TEXT));
    model.put("end", execution.getVariable(ShiftCover.END_TEXT));
    Object note = execution.getVariable(ShiftCover.NOTE);
    model.put("note", note == null || note.toString().isBlank() ? null : note.toString().strip());
    model.put("calendarUrl", appUrl + "/api/oncall/users/" + covered + ".ics");
    Context context = new Context(Locale.ENGLISH);
    context.setVariables(model);
    String rendered = templates.process(TEMPLATE, context).strip();
    int firstLine = rendered.indexOf('\n');
    String subject = rendered.substring(0, firstLine).strip();
    String text = rendered.substring(firstLine + 1).strip().replaceAll("\n{3,}", "\n\n") + "\n";
    // The HTML part is the text, escaped: the note and the names are what people typed.
    String html = "<!DOCTYPE html><html><body><p style=\"white-space: pre-wrap; font-family: sans-serif\">"
        + HtmlUtils.htmlEscape(text) + "</p></body></html>";
    channel.send(new OutgoingNotification("shift-cover-tell-covered-person", List.of(address.get()),
        new RenderedNotification(subject, text, html)));
  }

  private static TemplateEngine templates() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(".txt");
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    TemplateEngine engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }
}
