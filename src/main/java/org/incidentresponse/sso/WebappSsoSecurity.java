package org.incidentresponse.sso;

import jakarta.servlet.DispatcherType;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.incidentresponse.identity.CamundaLogin;
import org.incidentresponse.identity.SecurityChains;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.security.oauth2.client.ClientsConfiguredCondition;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Single sign-on for Camunda's webapps (Tasklist, Cockpit, Admin, Welcome), on when Spring Boot's
 * {@code spring.security.oauth2.client.registration.*} names a provider; without one, nothing here
 * exists and the webapps keep their own login.
 *
 * <ul>
 *   <li>A browser without a session is sent to the provider: authorization code flow with PKCE.
 *       After the login, {@link SsoUserService} maps the groups and syncs the user into Camunda, and
 *       Camunda's {@code ContainerBasedAuthenticationFilter} with {@link WebappUserFromSpring} makes the
 *       Spring login the webapps' login.</li>
 *   <li>A user of none of the app's groups gets the "no access" page ({@code /sso/no-access}) and no session.</li>
 *   <li>{@code POST /logout} ends the app's session and the provider's (RP-initiated logout). The
 *       webapps' own Log out button (a request of their API) ends the app's session and answers with
 *       the provider's log-out address, which {@code app/sso/sso-logout.js} (in each app's
 *       {@code customScripts}) follows. The provider then returns the browser to {@code /sso/logged-out}.</li>
 *   <li>Break-glass: {@code /login} keeps a password form for Camunda's administrator only
 *       ({@link BreakGlassLogin}).</li>
 * </ul>
 *
 * <p>This is what {@code camunda-bpm-spring-boot-starter-security} would set up; that starter is not
 * served by Maven Central for Camunda 7.24, so it is built here from Spring Security's OAuth2 client.
 * Camunda's own CSRF filter keeps guarding the webapps; Spring's guards the login and logout forms.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@Conditional(ClientsConfiguredCondition.class)
public class WebappSsoSecurity {

  private static final Logger log = LoggerFactory.getLogger(WebappSsoSecurity.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String NO_ACCESS_PAGE = "/sso/no-access";
  static final String LOGGED_OUT_PAGE = "/sso/logged-out";

  /** The OAuth2 error codes that the login metric names; any other is counted as "other". */
  private static final Set<String> KNOWN_FAILURES = Set.of(SsoUserService.NO_ACCESS, SsoUserService.NO_USER_ID,
      "invalid_id_token", "invalid_token_response", "invalid_user_info_response", "access_denied",
      "authorization_request_not_found", "invalid_state_parameter", "invalid_request");

  @Bean
  @Order(SecurityChains.WEBAPPS)
  SecurityFilterChain webappsFilterChain(HttpSecurity http, CamundaBpmProperties camunda,
      ClientRegistrationRepository clients, SsoProperties properties, GroupMapping mapping, SsoUserSync sync,
      SsoMetrics metrics, CamundaLogin camundaLogin, @Value("${camunda.bpm.admin-user.id:}") String breakGlassId)
      throws Exception {
    String webapp = camunda.getWebapp().getApplicationPath();
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    SsoUserService users = new SsoUserService(properties, mapping, sync);

    DefaultOAuth2AuthorizationRequestResolver pkce = new DefaultOAuth2AuthorizationRequestResolver(clients,
        OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
    pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

    // The login's providers, and nothing else: no fallback to the app's other password checks.
    ProviderManager logins = new ProviderManager(
        new OidcAuthorizationCodeAuthenticationProvider(new RestClientAuthorizationCodeTokenResponseClient(), users),
        new BreakGlassLogin(breakGlassId, camundaLogin, metrics));

    RequestMatcher webappApi = paths.matcher(webapp + "/api/**");
    AuthenticationEntryPoint toProvider = new LoginUrlAuthenticationEntryPoint(loginUrl(clients));
    AuthenticationEntryPoint unauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
    AuthenticationEntryPoint loginNeeded = (request, response, e) ->
        (webappApi.matches(request) ? unauthorized : toProvider).commence(request, response, e);

    SavedRequestAwareAuthenticationSuccessHandler toWebapps = new SavedRequestAwareAuthenticationSuccessHandler();
    toWebapps.setDefaultTargetUrl(webapp + "/app/");
    AuthenticationSuccessHandler loggedIn = (request, response, authentication) -> {
      if (authentication.getPrincipal() instanceof org.springframework.security.oauth2.core.oidc.user.OidcUser) {
        metrics.loggedIn();
        log.info("Single sign-on: {} logged in with groups {}", authentication.getName(),
            authentication.getAuthorities());
      }
      toWebapps.onAuthenticationSuccess(request, response, authentication);
    };
    AuthenticationFailureHandler refused = (request, response, e) -> {
      String reason = reason(e);
      if (e instanceof OAuth2AuthenticationException) {
        metrics.failed(reason);
        log.warn("Single sign-on refused ({}): {}", reason, e.getMessage());
      }
      response.sendRedirect(request.getContextPath()
          + (SsoUserService.NO_ACCESS.equals(reason) ? NO_ACCESS_PAGE : "/login?error"));
    };

    ProviderLogout providerLogout = new ProviderLogout(clients);
    RequestMatcher webappLogout = paths.matcher(HttpMethod.POST, webapp + "/api/admin/auth/user/*/logout");
    LogoutSuccessHandler webappLoggedOut = (request, response, authentication) -> {
      // An XHR cannot follow a redirect to the provider: the address goes to sso-logout.js instead.
      response.setStatus(HttpStatus.OK.value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setHeader("Cache-Control", "no-store");
      JSON.writeValue(response.getOutputStream(),
          Map.of("logoutUrl", providerLogout.logoutUrl(request, response, authentication)));
    };
    LogoutSuccessHandler loggedOut = (request, response, authentication) ->
        (webappLogout.matches(request) ? webappLoggedOut : providerLogout)
            .onLogoutSuccess(request, response, authentication);

    http.securityMatcher(new OrRequestMatcher(paths.matcher(webapp + "/**"), paths.matcher(webapp),
            paths.matcher("/login"), paths.matcher("/login/**"), paths.matcher("/logout"),
            paths.matcher("/oauth2/**"), paths.matcher("/sso/**")))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths.matcher(NO_ACCESS_PAGE), paths.matcher(LOGGED_OUT_PAGE), paths.matcher("/login"),
                paths.matcher("/login/**"))
            .permitAll()
            .requestMatchers(paths.matcher(webapp + "/**"), paths.matcher(webapp))
            .hasAnyAuthority(mapping.appGroups().toArray(String[]::new))
            .anyRequest().authenticated())
        .authenticationManager(logins)
        .oauth2Login(login -> login
            .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(pkce))
            .userInfoEndpoint(userInfo -> userInfo.oidcUserService(users))
            .successHandler(loggedIn)
            .failureHandler(refused))
        .formLogin(form -> form.loginPage("/login").failureHandler((request, response, e) ->
            response.sendRedirect(request.getContextPath() + "/login?error")))
        .logout(logout -> logout
            .logoutRequestMatcher(new OrRequestMatcher(paths.matcher(HttpMethod.POST, "/logout"), webappLogout))
            .logoutSuccessHandler(loggedOut))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(loginNeeded)
            .accessDeniedPage(NO_ACCESS_PAGE))
        // Camunda's CsrfPreventionFilter guards the webapps' own requests.
        .csrf(csrf -> csrf.ignoringRequestMatchers(paths.matcher(webapp + "/**")))
        .oauth2Client(Customizer.withDefaults());
    log.info("Single sign-on is on for {}/** with {}", webapp, registrationIds(clients));
    return http.build();
  }

  /**
   * Camunda's filter that turns the request's Spring login into the webapps' login, after Spring
   * Security's chains, as {@code camunda-bpm-spring-boot-starter-security} registers it.
   */
  @Bean
  FilterRegistrationBean<Filter> webappSsoAuthenticationFilter(CamundaBpmProperties camunda) {
    String webapp = camunda.getWebapp().getApplicationPath();
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
    registration.setName("Single Sign-On Authentication Filter");
    registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        WebappUserFromSpring.class.getName()));
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    registration.addUrlPatterns(webapp + "/app/*", webapp + "/api/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    return registration;
  }

  /**
   * The provider's end-session address with the ID token as hint and {@code /sso/logged-out} to come
   * back to; {@code /sso/logged-out} itself when the provider has no end-session endpoint (Google).
   */
  static final class ProviderLogout extends OidcClientInitiatedLogoutSuccessHandler {

    ProviderLogout(ClientRegistrationRepository clients) {
      super(clients);
      setPostLogoutRedirectUri("{baseUrl}" + LOGGED_OUT_PAGE);
      setDefaultTargetUrl(LOGGED_OUT_PAGE);
    }

    String logoutUrl(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
      String url = determineTargetUrl(request, response, authentication);
      return url.startsWith("/") ? request.getContextPath() + url : url;
    }
  }

  /** One provider: straight to it. Several: Spring's login page, which lists them. */
  private static String loginUrl(ClientRegistrationRepository clients) {
    List<String> ids = registrationIds(clients);
    return ids.size() == 1 ? OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/"
        + ids.get(0) : "/login";
  }

  private static List<String> registrationIds(ClientRegistrationRepository clients) {
    List<String> ids = new ArrayList<>();
    if (clients instanceof Iterable<?> registrations) {
      registrations.forEach(registration -> ids.add(((ClientRegistration) registration).getRegistrationId()));
    }
    return ids;
  }

  private static String reason(AuthenticationException e) {
    if (e instanceof OAuth2AuthenticationException oauth) {
      String code = oauth.getError().getErrorCode();
      return KNOWN_FAILURES.contains(code) ? code : "other";
    }
    return "bad_credentials";
  }
}
