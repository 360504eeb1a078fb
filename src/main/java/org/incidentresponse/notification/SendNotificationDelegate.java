package org.incidentresponse.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentresponse.sop.IncidentVariable;
import org.incidentresponse.sop.NotificationRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Sends the notification named by the activity's input parameter {@code template}.
 *
 * <p>Used as {@code camunda:delegateExpression="${sendNotification}"}. Internal recipients share one
 * message; each external contact gets a separate customer-facing one. Writes the local variable
 * {@code notification} (JSON, see {@link NotificationRecord}) and adds the recipients to the process
 * variable {@code notifiedRecipients}. Delivery failures propagate, so the job retries. Publishes
 * {@link NotificationSent} or {@link NotificationFailed} for whoever counts them, and
 * {@link NotificationIssued} for the chat channels and webhooks.
 */
@Component("sendNotification")
public class SendNotificationDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(SendNotificationDelegate.class);

  private final NotificationProperties properties;
  private final RecipientResolver recipientResolver;
  private final NotificationRenderer renderer;
  private final NotificationChannel channel;
  private final ApplicationEventPublisher events;

  public SendNotificationDelegate(NotificationProperties properties, RecipientResolver recipientResolver,
      NotificationRenderer renderer, NotificationChannel channel, ApplicationEventPublisher events) {
    this.properties = properties;
    this.recipientResolver = recipientResolver;
    this.renderer = renderer;
    this.channel = channel;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String template = template(execution);
    try {
      send(execution, template);
    } catch (RuntimeException failed) {
      events.publishEvent(new NotificationFailed(template));
      throw failed;
    }
  }

  private void send(DelegateExecution execution, String template) {
    Map<String, Object> variables = execution.getVariables();
    Recipients recipients = recipientResolver.resolve(properties.template(template).audience(), variables);

    // Render everything before sending anything: a template error must not leave a half-sent notification.
    List<OutgoingNotification> messages = new ArrayList<>();
    String subject = null;
    if (!recipients.internal().isEmpty()) {
      RenderedNotification internal = renderer.render(template, variables, execution.getProcessInstanceId(), false);
      messages.add(new OutgoingNotification(template, recipients.internal(), internal));
      subject = internal.subject();
    }
    if (!recipients.external().isEmpty()) {
      RenderedNotification external = renderer.render(template, variables, execution.getProcessInstanceId(), true);
      recipients.external().forEach(address -> messages.add(new OutgoingNotification(template, List.of(address), external)));
      subject = subject == null ? external.subject() : subject;
    }
    if (messages.isEmpty()) {
      log.warn("Notification '{}' for {} has no recipients; check notifyGroups and the members' e-mail addresses",
          template, execution.getBusinessKey());
    }
    messages.forEach(channel::send);

    NotificationRecord record = new NotificationRecord(template, subject, recipients.all(), recipients.external(),
        channel.name(), ClockUtil.getCurrentTime().toInstant());
    execution.setVariableLocal(IncidentVariable.NOTIFICATION.id(), JsonVariableValue.of(record.encode()));
    if (!recipients.isEmpty()) {
      String notified = IncidentVariable.NOTIFIED_RECIPIENTS.id();
      execution.getProcessInstance().setVariable(notified,
          NotifiedRecipients.union(execution.getProcessInstance().getVariable(notified), recipients.all()));
    }
    if (!messages.isEmpty()) {
      events.publishEvent(new NotificationSent(template));
    }
    events.publishEvent(new NotificationIssued(template, execution.getProcessInstanceId(), variables,
        record.sentAt()));
  }

  private static String template(DelegateExecution execution) {
    Object template = execution.getVariable(IncidentVariable.TEMPLATE.id());
    if (!(template instanceof String name) || name.isBlank()) {
      throw new IllegalStateException("Activity '" + execution.getCurrentActivityId()
          + "' uses sendNotification without the input parameter 'template'");
    }
    return name.strip();
  }
}
