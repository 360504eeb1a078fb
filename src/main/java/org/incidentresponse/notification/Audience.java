package org.incidentresponse.notification;

/**
 * Who a notification template is for; declared per template in {@code application.yaml}
 * (written there in kebab case, e.g. {@code incident-commanders}).
 */
public enum Audience {

  /** Members of every group in {@code notifyGroups}, plus {@code externalContacts} when {@code customerImpact}. */
  STAKEHOLDERS,

  /** Members of the group {@code responders}: the page that asks for someone to take the incident. */
  RESPONDERS,

  /** Members of the group {@code incident-commanders}. */
  INCIDENT_COMMANDERS,

  /** The user {@code incidentCommander}; the incident-commanders group while none is assigned. */
  INCIDENT_COMMANDER,

  /** Stakeholders plus everyone notified earlier in the incident ({@code notifiedRecipients}): the closing notice. */
  EVERYONE_NOTIFIED,

  /** The users in {@code pagedUsers}: the on-call person (or group) of the current escalation step; responders without one. */
  PAGED,

  /** The user in {@code followUpAssignee}: who works a review's action item (its owner, or the commander once the owner left). */
  FOLLOW_UP_ASSIGNEE
}
