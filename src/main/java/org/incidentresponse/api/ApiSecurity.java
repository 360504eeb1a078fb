package org.incidentresponse.api;

import org.camunda.bpm.engine.ProcessEngine;
import org.incidentresponse.audit.AuditProperties;
import org.incidentresponse.identity.BasicChallenge;
import org.incidentresponse.identity.CamundaLogin;
import org.incidentresponse.identity.CamundaWebappSession;
import org.incidentresponse.identity.SecurityChains;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Who may call the read side of the API: every {@code /api/**} request that is not the intake (which
 * {@code intakeFilterChain} takes first), plus the API document and Swagger UI.
 *
 * <ul>
 *   <li>The audit ({@code /api/incidents}, {@code /api/incidents/**}) and Swagger UI: a Camunda user in
 *       one of {@code incident-response.audit.reader-groups}, logged in with HTTP Basic or through a
 *       webapp session (the Cockpit plugin calls the audit with the browser's session cookie).</li>
 *   <li>The OpenAPI document ({@code /v3/api-docs}): public, so that anyone can learn the API.</li>
 *   <li>Any other {@code /api} path: any logged-in Camunda user (then 404 or 405).</li>
 * </ul>
 *
 * <p>No session is created and no login page is shown; errors are problem details. There is no CSRF
 * token because nothing here changes anything: the audit only reads, and the intake, which writes,
 * is not a session's.
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurity {

  /** springdoc's default paths. */
  static final String API_DOCS = "/v3/api-docs";
  static final String SWAGGER_UI = "/swagger-ui";

  @Bean
  @Order(SecurityChains.API)
  SecurityFilterChain apiFilterChain(HttpSecurity http, CamundaLogin login, ProcessEngine engine,
      AuditProperties audit, Problems problems) throws Exception {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    String[] readers = audit.readerGroups().toArray(String[]::new);
    AuthenticationEntryPoint loginNeeded = (request, response, e) -> {
      if (e instanceof AuthenticationServiceException) {
        problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
            "the login could not be checked: the database is unavailable; retry later");
        return;
      }
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BasicChallenge.header());
      problems.write(request, response, HttpStatus.UNAUTHORIZED,
          "log in to Cockpit, or send HTTP Basic credentials of a Camunda user");
    };
    AccessDeniedHandler notAReader = (request, response, e) -> problems.write(request, response, HttpStatus.FORBIDDEN,
        "reading the incident audit needs membership of one of the groups " + audit.readerGroups());
    http.securityMatcher(new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher(API_DOCS + "/**"),
            paths.matcher(SWAGGER_UI + ".html"), paths.matcher(SWAGGER_UI + "/**")))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths.matcher(API_DOCS + "/**")).permitAll()
            .requestMatchers(paths.matcher("/api/incidents"), paths.matcher("/api/incidents/**"),
                paths.matcher(SWAGGER_UI + ".html"), paths.matcher(SWAGGER_UI + "/**")).hasAnyAuthority(readers)
            .anyRequest().authenticated())
        .authenticationManager(new ProviderManager(login))
        .addFilterBefore(new CamundaWebappSession(engine.getName()), BasicAuthenticationFilter.class)
        .httpBasic(basic -> basic.authenticationEntryPoint(loginNeeded))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(loginNeeded)
            .accessDeniedHandler(notAReader))
        .sessionManagement(SecurityChains::stateless)
        .requestCache(AbstractHttpConfigurer::disable)
        .csrf(AbstractHttpConfigurer::disable);
    return http.build();
  }
}
