package org.incidentresponse.oncall;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Signed, single-use acknowledge links: an HS256 JWT (Nimbus JOSE + JWT) naming the paged user, the
 * incident's process instance and a row of {@code oncall_acknowledgement}, expiring with the escalation
 * step. The signature makes them unforgeable, the row single-use.
 */
@Component
public class AcknowledgeLinks {

  public static final String PATH = "/oncall/acknowledge/";
  private static final String INCIDENT_CLAIM = "pid";

  /** What a link is, once checked. */
  public enum Outcome { VALID, USED, EXPIRED, FORGED }

  /** The outcome, and for a valid or used link its row, user and incident. */
  public record Check(Outcome outcome, String id, String user, String processInstanceId) {
    static Check of(Outcome outcome) {
      return new Check(outcome, null, null, null);
    }
  }

  private final AcknowledgeProperties properties;
  private final JdbcTemplate jdbc;
  private final MACSigner signer;
  private final MACVerifier verifier;

  public AcknowledgeLinks(AcknowledgeProperties properties, JdbcTemplate jdbc) {
    this.properties = properties;
    this.jdbc = jdbc;
    byte[] key = properties.secret() == null ? new byte[0] : properties.secret().getBytes(StandardCharsets.UTF_8);
    if (key.length < 32) {
      throw new IllegalStateException("incident-response.oncall.acknowledge.secret (environment INCIDENT_ACKNOWLEDGE_SECRET)"
          + " must be set to at least 32 characters, for example with: openssl rand -hex 32. It signs the acknowledge"
          + " links in pages; only the demo profile has one built in.");
    }
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("Unusable acknowledge secret", e);
    }
  }

  /** A new link for this user to acknowledge this incident until {@code expiresAt}. */
  public String issue(String processInstanceId, String user, Instant now, Instant expiresAt) {
    String id = UUID.randomUUID().toString();
    jdbc.update("INSERT INTO oncall_acknowledgement (id, process_instance_id, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        id, processInstanceId, user, Timestamp.from(now), Timestamp.from(expiresAt));
    JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(id).subject(user).claim(INCIDENT_CLAIM, processInstanceId)
        .issueTime(Date.from(now)).expirationTime(Date.from(expiresAt)).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign an acknowledge link", e);
    }
    return properties.baseUrl() + PATH + jwt.serialize();
  }

  /** Checks the token's signature, its row, its expiry (at {@code now}) and whether it was used. */
  public Check check(String token, Instant now) {
    JWTClaimsSet claims;
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return Check.of(Outcome.FORGED);
      }
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | JOSEException | IllegalStateException e) {
      return Check.of(Outcome.FORGED);
    }
    List<Row> rows = jdbc.query("SELECT * FROM oncall_acknowledgement WHERE id = ?",
        (rs, n) -> new Row(rs.getString("user_id"), rs.getString("process_instance_id"),
            rs.getTimestamp("expires_at").toInstant(), Optional.ofNullable(rs.getTimestamp("used_at")).map(Timestamp::toInstant)),
        claims.getJWTID());
    Object incident = claims.getClaim(INCIDENT_CLAIM);
    if (rows.size() != 1 || !rows.get(0).user().equals(claims.getSubject()) || !rows.get(0).processInstanceId().equals(incident)) {
      return Check.of(Outcome.FORGED);
    }
    Row row = rows.get(0);
    if (row.usedAt().isPresent()) {
      return new Check(Outcome.USED, claims.getJWTID(), row.user(), row.processInstanceId());
    }
    if (!now.isBefore(row.expiresAt())) {
      return Check.of(Outcome.EXPIRED);
    }
    return new Check(Outcome.VALID, claims.getJWTID(), row.user(), row.processInstanceId());
  }

  /** Marks the link used; false when another request used it first. */
  public boolean use(String id, Instant now) {
    return jdbc.update("UPDATE oncall_acknowledgement SET used_at = ? WHERE id = ? AND used_at IS NULL", Timestamp.from(now), id) == 1;
  }

  private record Row(String user, String processInstanceId, Instant expiresAt, Optional<Instant> usedAt) {}
}
