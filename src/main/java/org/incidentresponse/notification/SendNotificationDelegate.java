package org.incidentresponse.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the notification named by the activity's input parameter {@code template}.
 *
 * <p>Used as {@code camunda:delegateExpression="${sendNotification}"}. Internal recipients share one
 * message; each external contact gets a separate customer-facing one. Writes the local variable
 * {@code notification} (JSON, see {@link NotificationRecord}) and adds the recipients to the process
 * variable {@code notifiedRecipients}. Delivery failures propagate, so the job retries.
 */
@Component("sendNotification")
public class SendNotificationDelegate implements JavaDelegate {

  static final String TEMPLATE_PARAMETER = "template";
  static final String RECORD_VARIABLE = "notification";

  private static final Logger log = LoggerFactory.getLogger(SendNotificationDelegate.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NotificationProperties properties;
  private final RecipientResolver recipientResolver;
  private final NotificationRenderer renderer;
  private final NotificationChannel channel;

  public SendNotificationDelegate(NotificationProperties properties, RecipientResolver recipientResolver,
      NotificationRenderer renderer, NotificationChannel channel) {
    this.properties = properties;
    this.recipientResolver = recipientResolver;
    this.renderer = renderer;
    this.channel = channel;
  }

  @Override
  public void execute(DelegateExecution execution) throws JsonProcessingException {
    String template = template(execution);
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
        channel.name(), ClockUtil.getCurrentTime().toInstant().toString());
    execution.setVariableLocal(RECORD_VARIABLE, JsonVariableValue.of(JSON.writeValueAsString(record)));
    if (!recipients.isEmpty()) {
      execution.getProcessInstance().setVariable(NotifiedRecipients.VARIABLE,
          NotifiedRecipients.union(execution.getProcessInstance().getVariable(NotifiedRecipients.VARIABLE),
              recipients.all()));
    }
  }

  private static String template(DelegateExecution execution) {
    Object template = execution.getVariable(TEMPLATE_PARAMETER);
    if (!(template instanceof String name) || name.isBlank()) {
      throw new IllegalStateException("Activity '" + execution.getCurrentActivityId()
          + "' uses sendNotification without the input parameter 'template'");
    }
    return name.strip();
  }
}
