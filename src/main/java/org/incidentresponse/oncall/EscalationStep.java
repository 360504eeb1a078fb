package org.incidentresponse.oncall;

import java.time.Duration;

/**
 * One step of an escalation policy: who is paged, and how long the page waits for an acknowledgement
 * before the next step.
 *
 * @param target what the catalog writes as {@code notify}: {@code on-call-primary}, {@code on-call-secondary}, {@code team}, {@code group:ID} or {@code user:ID}
 * @param waitFor the catalog's {@code wait}; null on the last step: the policy's default wait applies
 */
public record EscalationStep(String target, Duration waitFor) {

  static final String PRIMARY = "on-call-primary";
  static final String SECONDARY = "on-call-secondary";
  static final String TEAM = "team";
  static final String GROUP = "group:";
  static final String USER = "user:";

  static boolean validTarget(String target) {
    return PRIMARY.equals(target) || SECONDARY.equals(target) || TEAM.equals(target)
        || (target != null && (target.startsWith(GROUP) || target.startsWith(USER)) && target.indexOf(':') < target.length() - 1);
  }
}
