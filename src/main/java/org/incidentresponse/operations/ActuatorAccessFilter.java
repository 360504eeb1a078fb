package org.incidentresponse.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.camunda.bpm.engine.IdentityService;
import org.incidentresponse.identity.BasicLogin;
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
      BasicLogin.User user = null;
      if (BasicLogin.isBasic(header)) {
        try {
          user = BasicLogin.authenticate(header, identityService).orElse(null);
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

    private static void unauthorized(HttpServletResponse response) throws IOException {
      response.setHeader("WWW-Authenticate", "Basic realm=\"incident-response\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }
  }

  static final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private final BasicLogin.User user;

    AuthenticatedRequest(HttpServletRequest request, BasicLogin.User user) {
      super(request);
      this.user = user;
    }

    @Override
    public Principal getUserPrincipal() {
      return user::id;
    }

    @Override
    public String getRemoteUser() {
      return user.id();
    }

    @Override
    public boolean isUserInRole(String role) {
      return user.groups().contains(role);
    }
  }
}
