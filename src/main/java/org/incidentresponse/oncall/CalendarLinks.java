package org.incidentresponse.oncall;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-user secret links to a user's shifts as iCalendar, for calendar apps that cannot log in. The
 * token is HMAC-SHA256 (keyed with the acknowledge secret, domain-separated) of the user and a random
 * salt stored in {@code oncall_calendar_link}: only the salt is stored, so the database alone does not
 * give the link away; a new salt rotates it, no row revokes it.
 */
@Component
public class CalendarLinks {

  public static final String PATH = "/oncall/calendar/";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

  private final JdbcTemplate jdbc;
  private final AcknowledgeProperties properties;
  private final SecretKeySpec key;

  public CalendarLinks(JdbcTemplate jdbc, AcknowledgeProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
    // AcknowledgeLinks refuses to start without a secret of 32 bytes; the null check only keeps this readable alone.
    byte[] secret = properties.secret() == null ? new byte[0] : properties.secret().getBytes(StandardCharsets.UTF_8);
    this.key = secret.length == 0 ? null : new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The user's link, if they made one and did not revoke it. */
  public Optional<String> url(String user) {
    return salt(user).map(salt -> url(user, salt));
  }

  /** A new link for the user; the one before stops working at once. */
  @Transactional
  public String rotate(String user, Instant now) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String salt = HexFormat.of().formatHex(random);
    jdbc.update("DELETE FROM oncall_calendar_link WHERE user_id = ?", user);
    jdbc.update("INSERT INTO oncall_calendar_link (user_id, salt, created_at) VALUES (?, ?, ?)", user, salt,
        Timestamp.from(now));
    return url(user, salt);
  }

  /** True if the user had a link, which no longer works. */
  public boolean revoke(String user) {
    return jdbc.update("DELETE FROM oncall_calendar_link WHERE user_id = ?", user) > 0;
  }

  /** Whether the token is the user's current one; an unknown user and a wrong token look alike. */
  public boolean matches(String user, String token) {
    Optional<String> salt = salt(user);
    byte[] expected = token(user, salt.orElse("none")).getBytes(StandardCharsets.US_ASCII);
    byte[] given = token == null ? new byte[0] : token.getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) && salt.isPresent();
  }

  private Optional<String> salt(String user) {
    List<String> salts = jdbc.queryForList("SELECT salt FROM oncall_calendar_link WHERE user_id = ?", String.class, user);
    return salts.stream().findFirst();
  }

  private String url(String user, String salt) {
    return properties.baseUrl() + PATH + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20")
        + "/" + token(user, salt) + ".ics";
  }

  private String token(String user, String salt) {
    if (key == null) {
      throw new IllegalStateException("incident-response.oncall.acknowledge.secret is not set");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update("oncall-calendar\n".getBytes(StandardCharsets.UTF_8));
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '\n');
      mac.update(salt.getBytes(StandardCharsets.UTF_8));
      return TOKEN.encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
