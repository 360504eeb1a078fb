package org.incidentresponse.intake;

import java.util.List;

/**
 * The alerts of one notification that belong to one incident: the whole notification when
 * deduplicating by group key, one alert when deduplicating by fingerprint.
 *
 * @param dedupKey what identifies the incident while it is open, e.g. {@code alertmanager:{}:{alertname="X"}}
 * @param resolved whether monitoring reports every alert of the group resolved
 */
public record AlertGroup(String source, String dedupKey, boolean resolved, List<AlertWebhook.Alert> alerts,
    AlertWebhook webhook) {

  public List<AlertWebhook.Alert> firingAlerts() {
    return alerts.stream().filter(AlertWebhook.Alert::firing).toList();
  }
}
