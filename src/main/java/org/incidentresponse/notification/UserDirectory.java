package org.incidentresponse.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * E-mail addresses of Camunda users and group members.
 *
 * <p>Queries run without authorization checks: a notification is sent on behalf of the process,
 * and whoever completed the task before it (a responder in Tasklist) may not be allowed to read
 * other users. Camunda already skips checks in delegate code by default; with
 * {@code authorizationEnabledForCustomCode} on, the recipient list would otherwise silently shrink
 * to what that person can see.
 */
@Component
public class UserDirectory {

  private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

  private final IdentityService identityService;

  public UserDirectory(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** Addresses of the group's members; members without an e-mail address are skipped and logged. */
  public List<String> memberAddresses(String groupId) {
    List<User> members = withoutAuthorization(() -> identityService.createUserQuery().memberOfGroup(groupId).list());
    if (members.isEmpty()) {
      log.warn("Group '{}' has no members to notify", groupId);
    }
    List<String> addresses = new ArrayList<>();
    for (User member : members) {
      addressOf(member).ifPresent(addresses::add);
    }
    return addresses;
  }

  /** The ids of the group's members, in id order. */
  public List<String> memberIds(String groupId) {
    return withoutAuthorization(() -> identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list())
        .stream().map(User::getId).toList();
  }

  /** The user's address; empty (and logged) when the user is unknown or has no e-mail address. */
  public Optional<String> userAddress(String userId) {
    User user = withoutAuthorization(() -> identityService.createUserQuery().userId(userId).singleResult());
    if (user == null) {
      log.warn("User '{}' does not exist; cannot notify them", userId);
      return Optional.empty();
    }
    return addressOf(user);
  }

  /** Whether the address belongs to a user of this application, i.e. an internal recipient. */
  public boolean isUserAddress(String address) {
    return withoutAuthorization(() -> identityService.createUserQuery().userEmail(address).count() > 0);
  }

  private static Optional<String> addressOf(User user) {
    if (user.getEmail() == null || user.getEmail().isBlank()) {
      log.info("User '{}' has no e-mail address; skipped", user.getId());
      return Optional.empty();
    }
    return Optional.of(user.getEmail().strip());
  }

  private static <T> T withoutAuthorization(Callable<T> query) {
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext != null) {
      return commandContext.runWithoutAuthorization(query);
    }
    try {
      return query.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
