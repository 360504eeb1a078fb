package org.incidentresponse.sso;

import org.incidentresponse.identity.CamundaLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The one local login left when single sign-on is on: Camunda's administrator
 * ({@code camunda.bpm.admin-user.id}, from {@code CAMUNDA_BPM_ADMIN_USER_ID} and
 * {@code CAMUNDA_BPM_ADMIN_USER_PASSWORD}), for when the provider is down. Any other local user is
 * refused, whatever their password. Every attempt is logged and counted.
 */
class BreakGlassLogin implements AuthenticationProvider {

  private static final Logger log = LoggerFactory.getLogger(BreakGlassLogin.class);

  private final String adminId;
  private final CamundaLogin camunda;
  private final SsoMetrics metrics;

  BreakGlassLogin(String adminId, CamundaLogin camunda, SsoMetrics metrics) {
    this.adminId = adminId;
    this.camunda = camunda;
    this.metrics = metrics;
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    if (adminId == null || adminId.isBlank() || !adminId.equals(authentication.getName())) {
      // The name is not logged: it may be a password typed into the wrong field.
      log.warn("Break-glass login refused: not the break-glass account");
      metrics.breakGlass(false);
      throw new BadCredentialsException("Only the break-glass account logs in here; everyone else uses single sign-on");
    }
    try {
      Authentication admin = camunda.authenticate(authentication);
      log.warn("BREAK-GLASS LOGIN: {} logged in with the local password, bypassing single sign-on", adminId);
      metrics.breakGlass(true);
      return admin;
    } catch (AuthenticationException refused) {
      log.warn("Break-glass login of {} refused: {}", adminId, refused.getMessage());
      metrics.breakGlass(false);
      throw refused;
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
