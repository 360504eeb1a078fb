package org.incidentresponse.sso;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Tells Camunda's webapps who logged in through Spring Security, for Camunda's
 * {@code ContainerBasedAuthenticationFilter}: the user id and the app's groups of the request's
 * Spring authentication (a single sign-on or break-glass login). This is what
 * {@code camunda-bpm-spring-boot-starter-security} does; that starter is not on Maven Central for
 * 7.24, so this class and {@link WebappSsoSecurity} take its place. Camunda instantiates it by
 * name, so it has no Spring dependencies to inject.
 */
public class WebappUserFromSpring implements AuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || authentication instanceof AnonymousAuthenticationToken
        || !authentication.isAuthenticated()) {
      return AuthenticationResult.unsuccessful();
    }
    AuthenticationResult result = AuthenticationResult.successful(authentication.getName());
    result.setGroups(authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    return result;
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    // The security chain has already sent the browser to the provider; nothing to add.
  }
}
