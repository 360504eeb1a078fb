package org.incidentresponse.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The intake's bearer tokens ({@code incident-response.intake.tokens}): a presented token is valid
 * when it is one of them. The comparison takes the same time whatever the token: SHA-256 digests are
 * compared with {@link MessageDigest#isEqual}, against every configured token, so neither the content
 * nor the length of a token leaks through timing.
 */
public class IntakeTokens implements AuthenticationProvider {

  private final List<byte[]> digests;

  public IntakeTokens(List<String> tokens) {
    this.digests = tokens.stream().map(IntakeTokens::digest).toList();
  }

  /** No token configured: the intake is closed (503), whatever a caller presents. */
  public boolean configured() {
    return !digests.isEmpty();
  }

  public boolean valid(String token) {
    byte[] presented = digest(token);
    boolean match = false;
    for (byte[] expected : digests) {
      match |= MessageDigest.isEqual(expected, presented);
    }
    return match;
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    if (!valid((String) authentication.getCredentials())) {
      throw new BadCredentialsException("invalid bearer token");
    }
    return new Token(null, true);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return Token.class.isAssignableFrom(authentication);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A bearer token presented to the intake; once checked it names the caller "monitoring" and drops the token. */
  static final class Token extends AbstractAuthenticationToken {

    private final String token;

    Token(String token, boolean checked) {
      super(List.of());
      this.token = token;
      setAuthenticated(checked);
    }

    static Token presented(String token) {
      return new Token(token, false);
    }

    @Override
    public Object getCredentials() {
      return token;
    }

    @Override
    public Object getPrincipal() {
      return "monitoring";
    }
  }
}
