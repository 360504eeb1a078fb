package org.incidentresponse.sso;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps Camunda's copy of a single sign-on user as the provider has it, at each login: name and
 * e-mail (mail, paging and on-call read them from Camunda), and memberships of the app's groups.
 * A group the provider no longer gives is left at once, and the user's open tasks that only that
 * group could work go back to it (unassigned; the task's history records the change). The user has
 * no password: they can log in only through the provider.
 */
@Component
public class SsoUserSync {

  private static final Logger log = LoggerFactory.getLogger(SsoUserSync.class);

  private final IdentityService identityService;
  private final TaskService taskService;
  private final GroupMapping groups;

  public SsoUserSync(IdentityService identityService, TaskService taskService, GroupMapping groups) {
    this.identityService = identityService;
    this.taskService = taskService;
    this.groups = groups;
  }

  /** The provider's view of one user at login. */
  public record ProviderUser(String id, String firstName, String lastName, String email, Set<String> appGroups) {}

  /** Brings Camunda's user and memberships in line with the provider's; returns the groups the user lost. */
  public Set<String> sync(ProviderUser provider) {
    saveUser(provider);
    Set<String> current = identityService.createGroupQuery().groupMember(provider.id()).list().stream()
        .map(Group::getId).filter(groups.appGroups()::contains).collect(Collectors.toSet());
    for (String joined : provider.appGroups()) {
      if (!current.contains(joined)) {
        identityService.createMembership(provider.id(), joined);
        log.info("Single sign-on: {} joined {}", provider.id(), joined);
      }
    }
    Set<String> lost = new HashSet<>(current);
    lost.removeAll(provider.appGroups());
    for (String left : lost) {
      identityService.deleteMembership(provider.id(), left);
      log.info("Single sign-on: {} left {} at the provider", provider.id(), left);
    }
    if (!lost.isEmpty()) {
      returnTasks(provider.id(), lost, provider.appGroups());
    }
    return lost;
  }

  private void saveUser(ProviderUser provider) {
    User user = identityService.createUserQuery().userId(provider.id()).singleResult();
    boolean created = user == null;
    if (created) {
      user = identityService.newUser(provider.id());
    }
    if (created || !Objects.equals(user.getFirstName(), provider.firstName())
        || !Objects.equals(user.getLastName(), provider.lastName()) || !Objects.equals(user.getEmail(), provider.email())) {
      user.setFirstName(provider.firstName());
      user.setLastName(provider.lastName());
      user.setEmail(provider.email());
      identityService.saveUser(user);
      log.info("Single sign-on: {} user {}", created ? "created" : "updated", provider.id());
    }
  }

  /** Unassigns the user's tasks whose candidate groups include a lost group and none they keep. */
  private void returnTasks(String userId, Set<String> lost, Set<String> kept) {
    for (Task task : taskService.createTaskQuery().taskAssignee(userId).list()) {
      List<String> candidates = taskService.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(IdentityLink::getGroupId).toList();
      if (candidates.stream().anyMatch(lost::contains) && candidates.stream().noneMatch(kept::contains)) {
        taskService.setAssignee(task.getId(), null);
        log.info("Single sign-on: task {} ({}) went back to {}: {} left the group", task.getId(), task.getName(),
            candidates, userId);
      }
    }
  }
}
