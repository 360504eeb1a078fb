package org.incidentresponse.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine REST API ({@code /engine-rest}) for a logged-in Camunda user, in every profile.
 *
 * <p>The Camunda starter publishes it without authentication, and with authorization enabled an
 * anonymous caller would even pass every check, since Camunda checks only an authenticated user.
 * Spring Security checks HTTP Basic against Camunda's users ({@link CamundaLogin}); then the
 * addressed engine is told who is calling (user, groups, tenants) for the length of the request,
 * so the same authorizations apply as in the webapps. This replaces Camunda's
 * {@code ProcessEngineAuthenticationFilter} and keeps its rules: only the list of engines
 * ({@code /engine-rest/engine}) is public. Stateless, without CSRF tokens: callers are scripts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
public class EngineRestSecurity {

  @Bean
  @Order(SecurityChains.ENGINE_REST)
  SecurityFilterChain engineRestFilterChain(HttpSecurity http, JerseyApplicationPath engineRestPath, CamundaLogin login)
      throws Exception {
    String prefix = engineRestPath.getPrefix();
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    BasicChallenge challenge = new BasicChallenge();
    http.securityMatcher(paths.matcher(prefix + "/**"))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths.matcher(prefix + "/engine"), paths.matcher(prefix + "/engine/")).permitAll()
            .anyRequest().authenticated())
        .authenticationManager(new ProviderManager(login))
        .httpBasic(basic -> basic.authenticationEntryPoint(challenge))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(challenge))
        .sessionManagement(SecurityChains::stateless)
        .requestCache(AbstractHttpConfigurer::disable)
        .csrf(AbstractHttpConfigurer::disable)
        .addFilterAfter(new EngineAuthentication(prefix), AuthorizationFilter.class);
    return http.build();
  }

  /** Sets the Spring Security user as the engine's authenticated user while the request runs. */
  static final class EngineAuthentication extends OncePerRequestFilter {

    /** As Camunda's filter: /engine/{name}/... addresses a named engine, everything else the default one. */
    private static final Pattern NAMED_ENGINE = Pattern.compile("^/engine/(.*?)(/|$)");

    private final String prefix;

    EngineAuthentication(String prefix) {
      this.prefix = prefix;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Authentication user = SecurityContextHolder.getContext().getAuthentication();
      // No engine (a wrong name): Camunda's REST API answers 404 itself.
      ProcessEngine engine = user == null || user instanceof AnonymousAuthenticationToken ? null
          : EngineUtil.lookupProcessEngine(engineName(request));
      if (engine == null) {
        chain.doFilter(request, response);
        return;
      }
      IdentityService identity = engine.getIdentityService();
      List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
      List<String> tenants = identity.createTenantQuery().userMember(user.getName()).includingGroupsOfUser(true)
          .list().stream().map(Tenant::getId).toList();
      identity.setAuthentication(user.getName(), groups, tenants);
      try {
        chain.doFilter(request, response);
      } finally {
        identity.clearAuthentication();
      }
    }

    private String engineName(HttpServletRequest request) {
      String path = request.getRequestURI().substring(request.getContextPath().length() + prefix.length());
      Matcher named = NAMED_ENGINE.matcher(path);
      return named.find() ? named.group(1) : "default";
    }
  }
}
