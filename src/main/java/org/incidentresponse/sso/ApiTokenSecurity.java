package org.incidentresponse.sso;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Pattern;
import org.incidentresponse.api.Problems;
import org.incidentresponse.audit.AuditProperties;
import org.incidentresponse.identity.SecurityChains;
import org.incidentresponse.intake.IntakeProperties;
import org.incidentresponse.intake.IntakeTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Machine access to {@code /api/**} with a bearer JWT of the company's provider (for example from
 * the client credentials grant), on when {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * is set. Spring Boot's decoder checks the signature against the provider's JWKS, the issuer, the
 * expiry and {@code ...jwt.audiences}; the roles claim ({@code incident-response.sso.api.roles-claim})
 * maps to the app's groups like a user's groups. Opening incidents needs one of
 * {@code incident-response.sso.api.intake-groups}, reading the audit one of the audit's reader groups.
 *
 * <p>This chain takes only requests whose bearer token has a JWT's shape and is not one of the
 * intake's static tokens, which keep working beside it in {@code intakeFilterChain}. Errors are
 * problem details: 401 for a token that is not valid here, 403 for missing roles, 503 when the
 * provider's keys cannot be fetched.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.security.oauth2.resourceserver.jwt", name = "issuer-uri")
public class ApiTokenSecurity {

  private static final Logger log = LoggerFactory.getLogger(ApiTokenSecurity.class);

  /** header.payload.signature, base64url. */
  private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  @Bean
  @Order(SecurityChains.API_TOKENS)
  SecurityFilterChain apiTokenFilterChain(HttpSecurity http, JwtDecoder decoder, SsoProperties properties,
      GroupMapping mapping, AuditProperties audit, IntakeProperties intake, Problems problems) throws Exception {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    IntakeTokens staticTokens = new IntakeTokens(intake.tokens());
    RequestMatcher bringsJwt = request -> {
      String token = bearer(request);
      return token != null && JWT.matcher(token).matches() && !staticTokens.valid(token);
    };

    JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
    roles.setJwtGrantedAuthoritiesConverter((Jwt jwt) -> mapping
        .appGroupsOf(GroupMapping.names(jwt.getClaims().get(properties.api().rolesClaim()))).stream()
        .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList());

    AuthenticationEntryPoint refused = (request, response, e) -> {
      if (e instanceof AuthenticationServiceException) {
        log.warn("A bearer JWT could not be checked: {}", e.getMessage());
        problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
            "the token could not be checked: the identity provider's keys are unavailable; retry later");
        return;
      }
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
      problems.write(request, response, HttpStatus.UNAUTHORIZED, "invalid bearer token: " + e.getMessage());
    };
    List<String> intakeGroups = properties.api().intakeGroups();
    AccessDeniedHandler lacksRole = (request, response, e) -> {
      boolean opening = HttpMethod.POST.matches(request.getMethod());
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
      problems.write(request, response, HttpStatus.FORBIDDEN, opening
          ? "opening incidents needs one of the roles " + intakeGroups
          : "reading the incident audit needs one of the roles " + audit.readerGroups());
    };

    http.securityMatcher(new AndRequestMatcher(paths.matcher("/api/**"), bringsJwt))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths.matcher(HttpMethod.POST, "/api/alerts/**"), paths.matcher(HttpMethod.POST, "/api/incidents"))
            .hasAnyAuthority(intakeGroups.toArray(String[]::new))
            .requestMatchers(paths.matcher("/api/incidents"), paths.matcher("/api/incidents/**"))
            .hasAnyAuthority(audit.readerGroups().toArray(String[]::new))
            .anyRequest().authenticated())
        .oauth2ResourceServer(server -> server
            .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(roles))
            .authenticationEntryPoint(refused)
            .accessDeniedHandler(lacksRole))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refused).accessDeniedHandler(lacksRole))
        .sessionManagement(SecurityChains::stateless)
        .requestCache(AbstractHttpConfigurer::disable)
        .csrf(AbstractHttpConfigurer::disable);
    return http.build();
  }

  private static String bearer(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }
}
