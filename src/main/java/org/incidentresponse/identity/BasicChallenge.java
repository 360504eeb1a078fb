package org.incidentresponse.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request without valid HTTP Basic credentials with 401 and the Basic challenge, as
 * Spring Security's entry point does; when the password could not be checked at all (the database is
 * down) with 503, which tells a monitoring client the truth. The body is Spring Boot's error page.
 */
public class BasicChallenge implements AuthenticationEntryPoint {

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (e instanceof AuthenticationServiceException) {
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      return;
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, header());
    response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
  }

  /** The challenge: {@code Basic realm="Incident Response", charset="UTF-8"} (RFC 7617). */
  public static String header() {
    return "Basic realm=\"" + SecurityChains.REALM + "\", charset=\"UTF-8\"";
  }
}
