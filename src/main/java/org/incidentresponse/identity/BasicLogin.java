package org.incidentresponse.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

/**
 * HTTP Basic credentials checked against Camunda's users: the one login check behind the app's own
 * endpoints (audit reports, Actuator), so that they accept exactly the users Tasklist and Cockpit do.
 */
public final class BasicLogin {

  /** A user whose password was right, with the ids of their groups. */
  public record User(String id, Set<String> groups) {}

  private BasicLogin() {}

  /** True when the header announces HTTP Basic credentials, right or wrong. */
  public static boolean isBasic(String authorizationHeader) {
    return authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6);
  }

  /**
   * The user whose valid credentials the {@code Authorization} header carries; empty without Basic
   * credentials, with malformed ones or with a wrong password. Database errors propagate.
   */
  public static Optional<User> authenticate(String authorizationHeader, IdentityService identityService) {
    if (!isBasic(authorizationHeader)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String userId = decoded.substring(0, colon);
    if (!identityService.checkPassword(userId, decoded.substring(colon + 1))) {
      return Optional.empty();
    }
    Set<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).collect(Collectors.toSet());
    return Optional.of(new User(userId, groups));
  }
}
