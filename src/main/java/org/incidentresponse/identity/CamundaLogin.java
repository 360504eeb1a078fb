package org.incidentresponse.identity;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * A user name and password (HTTP Basic) checked against Camunda's users: the one password check
 * behind the app's own endpoints and {@code /engine-rest}, so they accept exactly the users Tasklist
 * and Cockpit do, with Camunda's lock-out after failed logins. The user's Camunda groups become the
 * authorities, named as the groups are ({@code auditors}, {@code camunda-admin}), which is also
 * what {@code management.endpoint.health.roles} lists.
 *
 * <p>Being a bean also keeps Spring Boot from creating its in-memory user with a generated password.
 */
@Component
public class CamundaLogin implements AuthenticationProvider {

  private final IdentityService identityService;

  public CamundaLogin(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String userId = authentication.getName();
    Object password = authentication.getCredentials();
    if (userId == null || userId.isEmpty() || password == null) {
      throw new BadCredentialsException("Wrong user name or password");
    }
    List<GrantedAuthority> groups;
    try {
      if (!identityService.checkPassword(userId, password.toString())) {
        throw new BadCredentialsException("Wrong user name or password");
      }
      groups = groupsOf(identityService, userId);
    } catch (RuntimeException e) {
      if (e instanceof AuthenticationException refused) {
        throw refused;
      }
      throw new AuthenticationServiceException("Camunda's identity store is unavailable", e);
    }
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups);
  }

  /** The ids of the user's Camunda groups, as authorities. */
  static List<GrantedAuthority> groupsOf(IdentityService identityService, String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
