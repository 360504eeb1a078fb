package org.incidentresponse.sso;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.sql.SQLException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
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
 * group could work go back to it (unassigned; the task's history records the change, and the user
 * operation log has the entry by {@value #ACTOR} with an annotation saying why). The user has no
 * password: they can log in only through the provider.
 *
 * <p>Two first logins of the same user at once (two browser tabs, two nodes) race to create the user
 * or a membership; the loser's insert fails on the database's unique key, and the sync is simply run
 * again, when it finds what the winner made.
 */
@Component
public class SsoUserSync {

  private static final Logger log = LoggerFactory.getLogger(SsoUserSync.class);

  /** Who the user operation log names for a task that single sign-on sent back to its group. */
  public static final String ACTOR = "single-sign-on";

  /** Attempts of one sync when concurrent logins collide on the database's keys. */
  static final int ATTEMPTS = 5;

  private final IdentityService identityService;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final ProcessEngineConfigurationImpl engine;
  private final GroupMapping groups;

  public SsoUserSync(IdentityService identityService, TaskService taskService, HistoryService historyService,
      ProcessEngineConfiguration engine, GroupMapping groups) {
    this.identityService = identityService;
    this.taskService = taskService;
    this.historyService = historyService;
    this.engine = (ProcessEngineConfigurationImpl) engine;
    this.groups = groups;
  }

  /** The provider's view of one user at login. */
  public record ProviderUser(String id, String firstName, String lastName, String email, Set<String> appGroups) {}

  /** Brings Camunda's user and memberships in line with the provider's; returns the groups the user lost. */
  public Set<String> sync(ProviderUser provider) {
    for (int attempt = 1; ; attempt++) {
      try {
        return syncOnce(provider);
      } catch (ProcessEngineException e) {
        if (attempt >= ATTEMPTS || !concurrentChange(e)) {
          throw e;
        }
        log.info("Single sign-on: {} changed by a concurrent login, syncing again ({})", provider.id(),
            e.getClass().getSimpleName());
      }
    }
  }

  private Set<String> syncOnce(ProviderUser provider) {
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
        unassign(task, userId, lost);
        log.info("Single sign-on: task {} ({}) went back to {}: {} left the group", task.getId(), task.getName(),
            candidates, userId);
      }
    }
  }

  /**
   * Unassigns as {@value #ACTOR}, so that the user operation log records it (it records only
   * authenticated changes), without the authorization checks of a user: the change is the app's.
   */
  private void unassign(Task task, String userId, Set<String> lost) {
    String annotation = "Single sign-on: " + userId + " no longer belongs to " + String.join(", ", new TreeSet<>(lost))
        + " at the identity provider; the task went back to its group";
    asActor(() -> new AssignTaskCmd(task.getId(), null));
    // A second transaction: the first one's log entry is in the database only once it has committed.
    asActor(() -> context -> {
      historyService.createUserOperationLogQuery().taskId(task.getId()).userId(ACTOR)
          .operationType(UserOperationLogEntry.OPERATION_TYPE_ASSIGN).orderByTimestamp().desc().listPage(0, 1)
          .forEach(entry -> historyService.setAnnotationForOperationLogById(entry.getOperationId(), annotation));
      return null;
    });
  }

  /** Runs a command as {@value #ACTOR}, without a user's authorization checks, in its own transaction. */
  private void asActor(Supplier<Command<?>> command) {
    Authentication previous = identityService.getCurrentAuthentication();
    identityService.setAuthentication(ACTOR, List.of());
    try {
      engine.getCommandExecutorTxRequired().execute(context -> {
        context.disableAuthorizationCheck();
        try {
          return command.get().execute(context);
        } finally {
          context.enableAuthorizationCheck();
        }
      });
    } finally {
      if (previous == null) {
        identityService.clearAuthentication();
      } else {
        identityService.setAuthentication(previous);
      }
    }
  }

  /** A unique key or optimistic lock lost to another login of the same user. */
  static boolean concurrentChange(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockingException) {
        return true;
      }
      // 23505: unique violation, in PostgreSQL and H2 alike.
      for (SQLException sql = cause instanceof SQLException first ? first : null; sql != null;
          sql = sql.getNextException()) {
        if ("23505".equals(sql.getSQLState())) {
          return true;
        }
      }
    }
    return false;
  }
}
