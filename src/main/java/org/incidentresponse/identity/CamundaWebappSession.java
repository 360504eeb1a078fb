package org.incidentresponse.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Accepts a login to Camunda's webapps: the user that Tasklist, Cockpit or Admin put into the HTTP
 * session becomes the request's authentication, with their Camunda groups as authorities. This is
 * how the Cockpit plugin calls the audit API with the browser's session cookie.
 *
 * <p>Only reads the session: it never creates one, and the webapps keep their own login, logout
 * and CSRF protection. It is a filter inside a security chain, never a bean (Spring Boot would
 * register a filter bean for every request).
 */
public class CamundaWebappSession extends OncePerRequestFilter {

  private final String engineName;
  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

  public CamundaWebappSession(String engineName) {
    this.engineName = engineName;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    UserAuthentication user = webappUser(request.getSession(false));
    if (user != null && contexts.getContext().getAuthentication() == null) {
      List<GrantedAuthority> groups = user.getGroupIds() == null ? List.of()
          : user.getGroupIds().stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
      SecurityContext context = contexts.createEmptyContext();
      context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getIdentityId(), null, groups));
      contexts.setContext(context);
    }
    chain.doFilter(request, response);
  }

  private UserAuthentication webappUser(HttpSession session) {
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    Authentication authentication = authentications.getAuthenticationForProcessEngine(engineName);
    return authentication instanceof UserAuthentication user && user.getIdentityId() != null ? user : null;
  }
}
