package org.incidentresponse.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read what under /actuator. Anyone may ask /actuator/health (status only) and
 * /actuator/info; health details and /actuator/prometheus need HTTP basic auth of a Camunda user in
 * one of {@code incident-response.operations.metrics-groups} (by default camunda-admin and
 * monitoring). The user's groups become the request's roles, which is what
 * {@code management.endpoint.health.show-details: when-authorized} checks.
 */
@Configuration(proxyBeanMethods = false)
public class ActuatorAccessFilter {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> actuatorAccess(IdentityService identityService,
      OperationsProperties properties) {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(new Filter(identityService, properties));
    registration.addUrlPatterns("/actuator/*", "/actuator");
    registration.setName("actuatorAccess");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  static final class Filter extends OncePerRequestFilter {

    private final IdentityService identityService;
    private final OperationsProperties properties;

    Filter(IdentityService identityService, OperationsProperties properties) {
      this.identityService = identityService;
      this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      String header = request.getHeader("Authorization");
      boolean open = path.equals("/actuator/health") || path.startsWith("/actuator/health/")
          || path.equals("/actuator/info");
      Authenticated user = null;
      if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
        try {
          user = authenticate(header.substring(6).trim());
        } catch (RuntimeException databaseDown) {
          if (!open) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
          }
          // The identity store is unreachable: health still answers, without details, and shows DOWN.
          chain.doFilter(request, response);
          return;
        }
        if (user == null) {
          unauthorized(response);
          return;
        }
      }
      if (!open) {
        if (user == null) {
          unauthorized(response);
          return;
        }
        if (user.groups().stream().noneMatch(properties.metricsGroups()::contains)) {
          response.sendError(HttpServletResponse.SC_FORBIDDEN);
          return;
        }
      }
      chain.doFilter(user == null ? request : new AuthenticatedRequest(request, user), response);
    }

    private Authenticated authenticate(String encoded) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      String userId = decoded.substring(0, colon);
      if (!identityService.checkPassword(userId, decoded.substring(colon + 1))) {
        return null;
      }
      Set<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
          .map(Group::getId).collect(Collectors.toSet());
      return new Authenticated(userId, groups);
    }

    private static void unauthorized(HttpServletResponse response) throws IOException {
      response.setHeader("WWW-Authenticate", "Basic realm=\"incident-response\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }
  }

  record Authenticated(String userId, Set<String> groups) implements Principal {
    @Override
    public String getName() {
      return userId;
    }
  }

  static final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private final Authenticated user;

    AuthenticatedRequest(HttpServletRequest request, Authenticated user) {
      super(request);
      this.user = user;
    }

    @Override
    public Principal getUserPrincipal() {
      return user;
    }

    @Override
    public String getRemoteUser() {
      return user.userId();
    }

    @Override
    public boolean isUserInRole(String role) {
      return user.groups().contains(role);
    }
  }
}
