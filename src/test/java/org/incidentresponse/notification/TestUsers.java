package org.incidentresponse.notification;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;

/** Users and groups of the contract, with e-mail addresses, in a test engine. */
final class TestUsers {

  static final String RESPONDER = "responder@example.org";
  static final String COMMANDER = "commander@example.org";
  static final String SECOND_COMMANDER = "commander2@example.org";
  static final String COMMS = "comms@example.org";
  static final String OWNER = "owner@example.org";
  /** In responders and communications, spelled with capitals: must still get one copy. */
  static final String LEAD = "Lead@Example.org";

  private TestUsers() {
  }

  static void create(IdentityService identity) {
    delete(identity);
    for (String group : new String[] {"responders", "incident-commanders", "communications", "process-owners"}) {
      Group entity = identity.newGroup(group);
      entity.setName(group);
      identity.saveGroup(entity);
    }
    user(identity, "responder", RESPONDER, "responders");
    user(identity, "commander", COMMANDER, "incident-commanders");
    user(identity, "commander2", SECOND_COMMANDER, "incident-commanders");
    user(identity, "comms", COMMS, "communications");
    user(identity, "owner", OWNER, "process-owners");
    user(identity, "lead", LEAD, "responders", "communications");
    user(identity, "nomail", null, "responders");
  }

  static void delete(IdentityService identity) {
    identity.createUserQuery().list().forEach(user -> identity.deleteUser(user.getId()));
    identity.createGroupQuery().list().forEach(group -> identity.deleteGroup(group.getId()));
  }

  static void user(IdentityService identity, String id, String email, String... groups) {
    User user = identity.newUser(id);
    user.setEmail(email);
    user.setFirstName(id);
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
  }
}
