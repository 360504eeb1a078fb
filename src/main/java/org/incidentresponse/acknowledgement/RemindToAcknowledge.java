package org.incidentresponse.acknowledgement;

import static org.incidentresponse.acknowledgement.SopAcknowledgement.SOP_VERSION;
import static org.incidentresponse.acknowledgement.SopAcknowledgement.USER_ID;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentresponse.notification.NotificationChannel;
import org.incidentresponse.notification.OutgoingNotification;
import org.incidentresponse.notification.RenderedNotification;
import org.incidentresponse.notification.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The reminder every 3 days while "Read the SOP, version N" is still open
 * ({@code ${sopAcknowledgementReminder}}): one mail to the person each time, through the notifications'
 * channel, until they acknowledge.
 * A failure to send fails the job, which retries.
 */
@Component("sopAcknowledgementReminder")
public class RemindToAcknowledge implements JavaDelegate {

  public static final String TEMPLATE = "sop-acknowledgement-reminder";
  private static final Logger log = LoggerFactory.getLogger(RemindToAcknowledge.class);

  private final NotificationChannel channel;
  private final UserDirectory users;

  public RemindToAcknowledge(NotificationChannel channel, UserDirectory users) {
    this.channel = channel;
    this.users = users;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String user = (String) execution.getVariable(USER_ID);
    Object version = execution.getVariable(SOP_VERSION);
    Optional<String> address = users.userAddress(user);
    if (address.isEmpty()) {
      log.warn("No mail address for {}: no reminder to acknowledge SOP version {}", user, version);
      return;
    }
    String subject = "Reminder: read the SOP, version " + version;
    String text = "Your task \"Read the SOP, version " + version + "\" is still open in Tasklist. It shows what "
        + "changed and a short knowledge check. You are reminded every 3 days until you have answered it.";
    channel.send(new OutgoingNotification(TEMPLATE, List.of(address.get()),
        new RenderedNotification(subject, text, "<p>" + HtmlUtils.htmlEscape(text) + "</p>")));
  }
}
