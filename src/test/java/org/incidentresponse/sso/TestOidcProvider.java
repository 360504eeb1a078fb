package org.incidentresponse.sso;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The company's identity provider in the tests: a real OIDC server (mock-oauth2-server) on
 * 127.0.0.1, one per test JVM, with discovery, JWKS, authorization, token and end-session endpoints.
 * Who logs in next, with which claims, is queued with {@link #nextLogin}.
 */
final class TestOidcProvider {

  static final String ISSUER_ID = "company";
  static final String CLIENT_ID = "incident-response";
  static final String API_AUDIENCE = "incident-response-api";

  private static MockOAuth2Server server;

  private TestOidcProvider() {}

  static synchronized MockOAuth2Server server() {
    if (server == null) {
      MockOAuth2Server started = new MockOAuth2Server();
      try {
        started.start(InetAddress.getByName("127.0.0.1"), freePort());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server = started;
    }
    return server;
  }

  static String issuer() {
    return server().issuerUrl(ISSUER_ID).toString();
  }

  /** The next authorization code flow logs in this user, with these claims (groups, names, e-mail). */
  static void nextLogin(String userId, Map<String, Object> claims) {
    Map<String, Object> all = new java.util.HashMap<>(claims);
    all.put("preferred_username", userId);
    server().enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sub-" + userId, "JWT", List.of(CLIENT_ID),
        all, 3600));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  /** Points the app's client registration and resource server at the provider. */
  static final class Properties implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      String issuer = issuer();
      TestPropertyValues.of(
          "spring.security.oauth2.client.registration.company.client-id=" + CLIENT_ID,
          "spring.security.oauth2.client.registration.company.client-secret=test-client-secret",
          "spring.security.oauth2.client.registration.company.scope=openid,profile,email",
          "spring.security.oauth2.client.provider.company.issuer-uri=" + issuer,
          "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
          "spring.security.oauth2.resourceserver.jwt.audiences=" + API_AUDIENCE
      ).applyTo(context);
    }
  }
}
