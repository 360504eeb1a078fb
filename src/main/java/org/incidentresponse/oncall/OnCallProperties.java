package org.incidentresponse.oncall;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may change the on-call plan, and how far the exports reach.
 *
 * @param overrideGroups groups allowed to create overrides over the API and reload the catalog
 * @param calendarPastDays days before today that the iCalendar exports include
 * @param calendarFutureDays days after today that the iCalendar exports include
 */
@ConfigurationProperties("incident-response.oncall")
public record OnCallProperties(List<String> overrideGroups, Integer calendarPastDays, Integer calendarFutureDays) {

  public OnCallProperties {
    overrideGroups = overrideGroups == null || overrideGroups.isEmpty()
        ? List.of("camunda-admin", "incident-commanders") : List.copyOf(overrideGroups);
    calendarPastDays = calendarPastDays == null ? 14 : calendarPastDays;
    calendarFutureDays = calendarFutureDays == null ? 90 : calendarFutureDays;
  }
}
