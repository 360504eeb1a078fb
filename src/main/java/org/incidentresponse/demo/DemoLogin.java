package org.incidentresponse.demo;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

/** Runs the demo's work as one demo user, with that user's groups, as their own login would. */
final class DemoLogin {

  private DemoLogin() {}

  static <T> T as(IdentityService identityService, String user, Supplier<T> work) {
    List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identityService.setAuthentication(user, groups);
    try {
      return work.get();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
