package org.incidentresponse.intake;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.incidentresponse.api.Problems;
import org.incidentresponse.identity.SecurityChains;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may open incidents: POST /api/alerts/* and POST /api/incidents need one of the bearer tokens
 * of {@code incident-response.intake.tokens} ({@link IntakeTokens}). Missing or wrong: 401 with the
 * {@code WWW-Authenticate: Bearer} challenge (RFC 6750). No token configured at all: 503, naming
 * {@code INCIDENT_INTAKE_TOKENS}, whatever the caller sends. Stateless: no session, no CSRF token
 * (monitoring is no browser). The content type (415) and body size (413) are checked after this, by
 * Spring MVC and {@link IntakeBodyLimit}, before the body is parsed.
 */
@Configuration(proxyBeanMethods = false)
public class IntakeSecurity {

  @Bean
  @Order(SecurityChains.INTAKE)
  SecurityFilterChain intakeFilterChain(HttpSecurity http, IntakeProperties properties, IntakeErrors errors,
      Problems problems) throws Exception {
    IntakeTokens tokens = new IntakeTokens(properties.tokens());
    if (!tokens.configured()) {
      LoggerFactory.getLogger(IntakeSecurity.class).warn(
          "No intake token configured (INCIDENT_INTAKE_TOKENS): POST /api/alerts/* and /api/incidents answer 503");
    }
    AuthenticationEntryPoint refused = (request, response, e) -> {
      if (!tokens.configured()) {
        problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
            "intake is not configured: set INCIDENT_INTAKE_TOKENS (incident-response.intake.tokens)");
        return;
      }
      boolean presented = e instanceof BadCredentialsException;
      String detail = presented ? "invalid bearer token" : "missing bearer token";
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, presented ? "Bearer error=\"invalid_token\"" : "Bearer");
      errors.refused(request, HttpStatus.UNAUTHORIZED, detail);
      problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
    };

    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    http.securityMatcher(new OrRequestMatcher(paths.matcher(HttpMethod.POST, "/api/alerts/**"),
            paths.matcher(HttpMethod.POST, "/api/incidents")))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .addFilterAt(new BearerToken(tokens, refused), BasicAuthenticationFilter.class)
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refused))
        .sessionManagement(SecurityChains::stateless)
        .requestCache(AbstractHttpConfigurer::disable)
        .csrf(AbstractHttpConfigurer::disable);
    return http.build();
  }

  /**
   * Checks the bearer token of a request that has one; a wrong one is refused at once. Without one
   * the request goes on unauthenticated, and the chain refuses it (missing token). Unlike Spring's
   * generic AuthenticationFilter it never touches an HTTP session the caller may bring along.
   */
  static final class BearerToken extends OncePerRequestFilter {

    private final IntakeTokens tokens;
    private final AuthenticationEntryPoint refused;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerToken(IntakeTokens tokens, AuthenticationEntryPoint refused) {
      this.tokens = tokens;
      this.refused = refused;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      IntakeTokens.Token presented = bearerToken(request);
      if (presented != null) {
        try {
          SecurityContext context = contexts.createEmptyContext();
          context.setAuthentication(tokens.authenticate(presented));
          contexts.setContext(context);
        } catch (AuthenticationException wrong) {
          refused.commence(request, response, wrong);
          return;
        }
      }
      chain.doFilter(request, response);
    }
  }

  /** The token of an {@code Authorization: Bearer ...} header; null without one (then: 401 missing token). */
  static IntakeTokens.Token bearerToken(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer", 0, 6)
        || (header.length() > 6 && !Character.isWhitespace(header.charAt(6)))) {
      return null;
    }
    return IntakeTokens.Token.presented(header.substring(6).trim());
  }
}
