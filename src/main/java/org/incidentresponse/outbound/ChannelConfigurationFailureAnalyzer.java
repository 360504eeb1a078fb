package org.incidentresponse.outbound;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link ChannelConfigurationException} into Spring Boot's "Description / Action" report. */
public class ChannelConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ChannelConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ChannelConfigurationException cause) {
    String description = "Incident Response cannot deliver to a configured chat channel or webhook: "
        + cause.getMessage() + ".";
    String action = """
        Correct the channel under incident-response.channels (slack, mattermost, teams) or
        incident-response.webhooks, in application.yaml or the environment:
        \t- webhook-url / url: an http(s) URL, usually from an environment variable that must be set;
        \t- notifications: notification names (page, initial, timeline, update, mitigated, resolved, closed,
        \t  acknowledgement-escalation, target-breach, review-overdue, recovery-reported) or all;
        \t- events: CloudEvents types from incident-response.outbound.event-types, or all;
        \t- severities: SEV1 to SEV4, or leave it out for all;
        \t- name: letters, digits, '.', '_' or '-', unique per kind; a webhook also needs a secret.
        See docs/chat-and-webhooks.md.""";
    return new FailureAnalysis(description, action, cause);
  }
}
