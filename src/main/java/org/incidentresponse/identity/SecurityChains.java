package org.incidentresponse.identity;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * The order of the app's Spring Security filter chains. Each chain matches one family of paths
 * ({@code securityMatcher}) and is a named bean of the feature it guards; a request is handled by
 * the first chain that matches it, and by no chain at all if none does.
 *
 * <ol start="0">
 *   <li>{@value #API_TOKENS}: {@code apiTokenFilterChain}, single sign-on only: /api/** requests that
 *       bring a JWT of the identity provider (org.incidentresponse.sso).</li>
 *   <li>{@value #INTAKE}: {@code intakeFilterChain}, POST /api/alerts/** and POST /api/incidents, bearer
 *       tokens (org.incidentresponse.intake). Before the API, because POST /api/incidents also lies under /api/**.</li>
 *   <li>{@value #API}: {@code apiFilterChain}, the rest of /api/** (the audit), /v3/api-docs and Swagger UI:
 *       HTTP Basic or a Camunda webapp session (org.incidentresponse.api).</li>
 *   <li>{@value #ACTUATOR}: {@code actuatorFilterChain}, /actuator/**: health and info public, the rest
 *       for the metrics groups (org.incidentresponse.operations).</li>
 *   <li>{@value #ENGINE_REST}: {@code engineRestFilterChain}, /engine-rest/**: HTTP Basic, then Camunda's
 *       authorizations for that user ({@link EngineRestSecurity}).</li>
 *   <li>{@value #STATUS_PAGE}: {@code statusPageFilterChain}, /status/**, public by design.</li>
 *   <li>{@value #ACKNOWLEDGE_LINKS}: {@code acknowledgeLinksFilterChain}, /oncall/** links whose signed token is the credential.</li>
 *   <li>{@value #WEBAPPS}: {@code webappsFilterChain}, single sign-on only: /camunda/** and the login and logout pages.</li>
 *   <li>{@value #DEMO_CHAT}: {@code demoChatFilterChain}, demo profile only: the quick start's chat receiver.</li>
 * </ol>
 *
 * <p>Without single sign-on, Camunda's webapps ({@code /camunda/**}) match no chain on purpose: they
 * keep their own login, session and CSRF protection. With it, {@link #WEBAPPS} takes them and logs
 * users in through the provider (org.incidentresponse.sso), in place of Camunda's
 * {@code camunda-bpm-spring-boot-starter-security}, which is not published for 7.24.
 */
public final class SecurityChains {

  public static final int INTAKE = 1;
  public static final int API = 2;
  public static final int ACTUATOR = 3;
  public static final int ENGINE_REST = 4;
  /** {@code statusPageFilterChain}: /status/**, the public status page, open to anyone (org.incidentresponse.statuspage). */
  public static final int STATUS_PAGE = 5;
  /**
   * Single sign-on (org.incidentresponse.sso), only when an OIDC provider is configured:
   * {@code webappsFilterChain} takes /camunda/** and the login and logout pages;
   * {@code apiTokenFilterChain}, before the intake, takes /api/** requests that bring a JWT.
   */
  public static final int WEBAPPS = 7;
  public static final int API_TOKENS = 0;
  /**
   * {@code acknowledgeLinksFilterChain}: /oncall/**, links that work without a login because a signed
   * token in the path is the credential: acknowledge links in pages, calendar subscriptions (org.incidentresponse.oncall).
   */
  public static final int ACKNOWLEDGE_LINKS = 6;
  /**
   * {@code demoChatFilterChain}, demo profile only (org.incidentresponse.demo): /demo/chat/**, the
   * quick start's chat receiver; posts open (webhooks are checked by signature), the page for logged-in users.
   */
  public static final int DEMO_CHAT = 8;

  /** The realm of every HTTP Basic challenge. */
  public static final String REALM = "Incident Response";

  private SecurityChains() {}

  /**
   * The session policy of every chain: no session is created, and the webapp session that a request
   * may bring is left as it is. Without {@code sessionFixation().none()}, Spring Security would take
   * the webapp user read from that session for a new login and change the session's id, which logs
   * the browser out of Cockpit and Tasklist.
   */
  public static void stateless(SessionManagementConfigurer<HttpSecurity> sessions) {
    sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(fixation -> fixation.none());
  }
}
