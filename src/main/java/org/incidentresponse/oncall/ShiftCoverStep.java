package org.incidentresponse.oncall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * The service tasks of {@code cover-oncall-shift}, told apart by their BPMN ids: ask the person on
 * call, make the override when they accept (in the responder's name, so the schedule's record says who
 * covers and who asked), and tell both how it ended. The wording is in
 * {@code templates/oncall/shift-cover/*.txt} (first line: the subject).
 */
@Component("shiftCoverStep")
class ShiftCoverStep implements JavaDelegate {

  private final OnCall onCall;
  private final OnCallOverrides overrides;
  private final NotificationChannel channel;
  private final UserDirectory users;
  private final String tasklistUrl;
  private final TemplateEngine templates = templates();

  ShiftCoverStep(OnCall onCall, OnCallOverrides overrides, NotificationChannel channel, UserDirectory users,
      @Value("${incident-response.notifications.app-url:}") String appUrl) {
    this.onCall = onCall;
    this.overrides = overrides;
    this.channel = channel;
    this.users = users;
    this.tasklistUrl = appUrl + "/app/tasklist/default/";
  }

  @Override
  public void execute(DelegateExecution execution) {
    String coverBy = (String) execution.getVariable(ShiftCover.COVER_BY);
    String covered = (String) execution.getVariable(ShiftCover.COVERED_USER);
    switch (execution.getCurrentActivityId()) {
      case ShiftCover.TASK_ASK -> tell(execution, "ask", List.of(covered));
      case ShiftCover.TASK_CREATE_OVERRIDE -> {
        OnCallRole role = OnCallRole.of((String) execution.getVariable(ShiftCover.LAYER)).orElseThrow();
        ShiftOverride override = overrides.add((String) execution.getVariable(ShiftCover.TEAM), role, coverBy,
            ((java.util.Date) execution.getVariable(ShiftCover.STARTS_AT)).toInstant(),
            ((java.util.Date) execution.getVariable(ShiftCover.ENDS_AT)).toInstant(), coverBy,
            ClockUtil.getCurrentTime().toInstant());
        execution.setVariable(ShiftCover.OVERRIDE_ID, override.id());
      }
      case ShiftCover.TASK_TELL_ACCEPTED -> tell(execution, "accepted", List.of(coverBy, covered));
      case ShiftCover.TASK_TELL_DECLINED -> tell(execution, "declined", List.of(coverBy));
      case ShiftCover.TASK_TELL_EXPIRED -> tell(execution, "expired", List.of(coverBy, covered));
      default -> throw new IllegalStateException("shiftCoverStep does not know step " + execution.getCurrentActivityId());
    }
  }

  private void tell(DelegateExecution execution, String template, List<String> recipients) {
    List<String> to = new ArrayList<>();
    recipients.forEach(user -> users.userAddress(user).ifPresent(to::add));
    if (to.isEmpty()) {
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("coverBy", execution.getVariable(ShiftCover.COVER_BY));
    model.put("coveredUser", execution.getVariable(ShiftCover.COVERED_USER));
    model.put("layer", execution.getVariable(ShiftCover.LAYER));
    String teamId = (String) execution.getVariable(ShiftCover.TEAM);
    model.put("team", onCall.catalog().team(teamId).map(Team::name).orElse(teamId));
    model.put("start", execution.getVariable(ShiftCover.START_TEXT));
    model.put("end", execution.getVariable(ShiftCover.END_TEXT));
    Object note = execution.getVariable(ShiftCover.NOTE);
    model.put("note", note == null || note.toString().isBlank() ? null : note.toString().strip());
    model.put("answerBy", onCall.catalog().team(teamId)
        .map(team -> ShiftCover.readable(((java.util.Date) execution.getVariable(ShiftCover.ANSWER_BY)).toInstant(),
            team.schedule().zone())).orElse(""));
    model.put("tasklistUrl", tasklistUrl);
    Context context = new Context(Locale.ENGLISH);
    context.setVariables(model);
    String rendered = templates.process("oncall/shift-cover/" + template, context).strip();
    int firstLine = rendered.indexOf('\n');
    String subject = rendered.substring(0, firstLine).strip();
    String text = rendered.substring(firstLine + 1).strip().replaceAll("\n{3,}", "\n\n") + "\n";
    // The HTML part is the text, escaped: the note and the names are what people typed.
    String html = "<!DOCTYPE html><html><body><p style=\"white-space: pre-wrap; font-family: sans-serif\">"
        + HtmlUtils.htmlEscape(text) + "</p></body></html>";
    channel.send(new OutgoingNotification("shift-cover-" + template, to, new RenderedNotification(subject, text, html)));
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
