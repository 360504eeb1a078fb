package org.incidentresponse.followup;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Who works a follow-up: its owner while they are a user; once they are deleted (they left), the incident
 * commander. Asked when the follow-up starts and each time a reminder or an escalation fires.
 */
@Component
class FollowUpOwner {

  private final IdentityService identityService;

  FollowUpOwner(IdentityService identityService) {
    this.identityService = identityService;
  }

  String workedBy(String owner, String incidentCommander) {
    return owner != null && exists(owner) ? owner : incidentCommander;
  }

  boolean exists(String userId) {
    return identityService.createUserQuery().userId(userId).count() > 0;
  }
}
