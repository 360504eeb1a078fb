package org.incidentresponse.notification;

import static org.incidentresponse.sop.IncidentVariable.CUSTOMER_IMPACT;
import static org.incidentresponse.sop.IncidentVariable.EXTERNAL_CONTACTS;
import static org.incidentresponse.sop.IncidentVariable.INCIDENT_COMMANDER;
import static org.incidentresponse.sop.IncidentVariable.NOTIFIED_RECIPIENTS;
import static org.incidentresponse.sop.IncidentVariable.NOTIFY_GROUPS;
import static org.incidentresponse.sop.IncidentVariable.PAGED_USERS;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.incidentresponse.sop.IncidentVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns a template's {@link Audience} and the incident's variables into {@link Recipients}. */
@Component
public class RecipientResolver {

  static final String INCIDENT_COMMANDERS_GROUP = "incident-commanders";
  static final String RESPONDERS_GROUP = "responders";

  private static final Logger log = LoggerFactory.getLogger(RecipientResolver.class);

  private final UserDirectory directory;

  public RecipientResolver(UserDirectory directory) {
    this.directory = directory;
  }

  /** The variable of the follow-up process (org.incidentresponse.followup.FollowUp.ASSIGNEE). */
  static final String FOLLOW_UP_ASSIGNEE_VARIABLE = "followUpAssignee";

  public Recipients resolve(Audience audience, Map<String, Object> variables) {
    return switch (audience) {
      case STAKEHOLDERS -> stakeholders(variables);
      case RESPONDERS -> internal(directory.memberAddresses(RESPONDERS_GROUP));
      case INCIDENT_COMMANDERS -> internal(directory.memberAddresses(INCIDENT_COMMANDERS_GROUP));
      case INCIDENT_COMMANDER -> incidentCommander(variables);
      case EVERYONE_NOTIFIED -> stakeholders(variables).plus(notifiedBefore(variables));
      case PAGED -> paged(variables);
      case FOLLOW_UP_ASSIGNEE -> followUpAssignee(variables);
    };
  }

  private Recipients stakeholders(Map<String, Object> variables) {
    List<String> internal = new ArrayList<>();
    IncidentVariables incident = IncidentVariables.of(variables);
    for (String group : list(incident.get(NOTIFY_GROUPS))) {
      internal.addAll(directory.memberAddresses(group));
    }
    List<String> external = incident.isTrue(CUSTOMER_IMPACT) ? list(incident.get(EXTERNAL_CONTACTS)) : List.of();
    return new Recipients(valid(internal), valid(external));
  }

  /** A reminder that reaches nobody is worse than one the whole group sees, hence the group as fallback. */
  private Recipients incidentCommander(Map<String, Object> variables) {
    Object commander = IncidentVariables.of(variables).get(INCIDENT_COMMANDER);
    if (commander instanceof String userId && !userId.isBlank()) {
      var address = directory.userAddress(userId.strip());
      if (address.isPresent()) {
        return internal(List.of(address.get()));
      }
      log.warn("Incident commander '{}' cannot be reached by e-mail; notifying group {} instead",
          userId, INCIDENT_COMMANDERS_GROUP);
    }
    return internal(directory.memberAddresses(INCIDENT_COMMANDERS_GROUP));
  }

  /** Who works the follow-up; the incident commander when that user has no address. */
  private Recipients followUpAssignee(Map<String, Object> variables) {
    if (variables.get(FOLLOW_UP_ASSIGNEE_VARIABLE) instanceof String userId && !userId.isBlank()) {
      var address = directory.userAddress(userId.strip());
      if (address.isPresent()) {
        return internal(List.of(address.get()));
      }
    }
    return incidentCommander(variables);
  }

  /** The escalation step's users; the responders group for an incident routed before escalation steps existed. */
  private Recipients paged(Map<String, Object> variables) {
    Object paged = IncidentVariables.of(variables).get(PAGED_USERS);
    if (!(paged instanceof String)) {
      return internal(directory.memberAddresses(RESPONDERS_GROUP));
    }
    List<String> addresses = new ArrayList<>();
    for (String user : list(paged)) {
      directory.userAddress(user).ifPresent(addresses::add);
    }
    return internal(addresses);
  }

  /** Earlier recipients keep their side: customers stay external even if customerImpact changed since. */
  private Recipients notifiedBefore(Map<String, Object> variables) {
    List<String> internal = new ArrayList<>();
    List<String> external = new ArrayList<>();
    for (String address : NotifiedRecipients.read(IncidentVariables.of(variables).get(NOTIFIED_RECIPIENTS))) {
      (directory.isUserAddress(address) ? internal : external).add(address);
    }
    return new Recipients(valid(internal), valid(external));
  }

  private Recipients internal(List<String> addresses) {
    return new Recipients(valid(addresses), List.of());
  }

  /** A typo in one address must not stop the notification to everyone else: skip it, loudly. */
  private static List<String> valid(List<String> addresses) {
    List<String> valid = new ArrayList<>();
    for (String address : addresses) {
      try {
        InternetAddress parsed = new InternetAddress(address, true);
        parsed.validate();
        valid.add(parsed.getAddress());
      } catch (AddressException e) {
        log.warn("Skipping '{}': not a valid e-mail address ({})", address, e.getMessage());
      }
    }
    return valid;
  }

  /** Comma-separated lists as the contract writes them; semicolons and line breaks are forgiven. */
  private static List<String> list(Object value) {
    if (!(value instanceof String text)) {
      return List.of();
    }
    return Arrays.stream(text.split("[,;\\s]+")).map(String::strip).filter(item -> !item.isEmpty()).toList();
  }
}
