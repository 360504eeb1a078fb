package org.incidentresponse.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.incidentresponse.identity.BasicLogin;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read the audit ({@code GET /api/incidents*}): a Camunda webapp session (the Cockpit
 * plugin), or HTTP Basic checked against Camunda's users; then membership of one of the reader
 * groups. No or wrong credentials: 401; a user outside those groups: 403. Other methods pass
 * through untouched (the intake API has its own check).
 */
public class AuditAccessFilter extends OncePerRequestFilter {

  private final ProcessEngine engine;
  private final List<String> readerGroups;

  public AuditAccessFilter(ProcessEngine engine, List<String> readerGroups) {
    this.engine = engine;
    this.readerGroups = readerGroups;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Reader reader = fromSession(request);
    if (reader == null) {
      reader = fromBasic(request);
    }
    if (reader == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"incident-response\", charset=\"UTF-8\"");
      error(response, 401, "Unauthorized", "Log in to Cockpit, or send HTTP Basic credentials of a Camunda user");
      return;
    }
    if (reader.groups().stream().noneMatch(readerGroups::contains)) {
      error(response, 403, "Forbidden", "Reading the incident audit needs membership of one of " + readerGroups);
      return;
    }
    request.setAttribute(AuditAccessFilter.class.getName() + ".user", reader.userId());
    chain.doFilter(request, response);
  }

  record Reader(String userId, List<String> groups) {}

  private Reader fromSession(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    Authentication authentication = authentications.getAuthenticationForProcessEngine(engine.getName());
    if (authentication instanceof UserAuthentication user && user.getIdentityId() != null) {
      return new Reader(user.getIdentityId(), user.getGroupIds() == null ? List.of() : user.getGroupIds());
    }
    return null;
  }

  private Reader fromBasic(HttpServletRequest request) {
    return BasicLogin.authenticate(request.getHeader("Authorization"), engine.getIdentityService())
        .map(user -> new Reader(user.id(), List.copyOf(user.groups())))
        .orElse(null);
  }

  private static void error(HttpServletResponse response, int status, String error, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\""
        + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
  }
}
