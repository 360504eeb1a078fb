package org.incidentresponse.statuspage;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Subscribers and the deliveries of public updates to them (tables {@code status_subscriber}, {@code status_delivery}). */
@Repository
class SubscriptionStore {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  SubscriptionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** 256 random bits, URL-safe: the link secret. */
  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  Optional<Subscriber> byEmail(String email) {
    return jdbc.sql("SELECT * FROM status_subscriber WHERE email = :email").param("email", email)
        .query(SubscriptionStore::subscriber).optional();
  }

  Optional<Subscriber> byToken(String token) {
    return jdbc.sql("SELECT * FROM status_subscriber WHERE token = :token").param("token", token)
        .query(SubscriptionStore::subscriber).optional();
  }

  Subscriber create(String email, List<String> components, Instant now) {
    Subscriber subscriber = new Subscriber(StatusPageStore.newId(), email, components, newToken(), now, null);
    jdbc.sql("""
        INSERT INTO status_subscriber (id, email, components, token, created_at)
        VALUES (:id, :email, :components, :token, :now)""")
        .param("id", subscriber.id()).param("email", email).param("components", String.join(",", components))
        .param("token", subscriber.token()).param("now", Timestamp.from(now)).update();
    return subscriber;
  }

  /** An unconfirmed subscriber asked again: new components, a new link, a new 7 days. */
  Subscriber renew(Subscriber old, List<String> components, Instant now) {
    Subscriber renewed = new Subscriber(old.id(), old.email(), components, newToken(), now, null);
    jdbc.sql("UPDATE status_subscriber SET components = :components, token = :token, created_at = :now WHERE id = :id")
        .param("components", String.join(",", components)).param("token", renewed.token())
        .param("now", Timestamp.from(now)).param("id", old.id()).update();
    return renewed;
  }

  boolean confirm(String id, Instant now) {
    return jdbc.sql("UPDATE status_subscriber SET confirmed_at = :now WHERE id = :id AND confirmed_at IS NULL")
        .param("now", Timestamp.from(now)).param("id", id).update() == 1;
  }

  void delete(String id) {
    jdbc.sql("DELETE FROM status_delivery WHERE subscriber_id = :id").param("id", id).update();
    jdbc.sql("DELETE FROM status_subscriber WHERE id = :id").param("id", id).update();
  }

  int deleteUnconfirmedBefore(Instant before) {
    return jdbc.sql("DELETE FROM status_subscriber WHERE confirmed_at IS NULL AND created_at < :before")
        .param("before", Timestamp.from(before)).update();
  }

  List<Subscriber> confirmed() {
    return jdbc.sql("SELECT * FROM status_subscriber WHERE confirmed_at IS NOT NULL ORDER BY created_at, id")
        .query(SubscriptionStore::subscriber).list();
  }

  List<Subscriber> all() {
    return jdbc.sql("SELECT * FROM status_subscriber ORDER BY created_at, id").query(SubscriptionStore::subscriber).list();
  }

  /** Queues the update for the subscriber; a second call for the same pair changes nothing. */
  void enqueue(String updateId, String subscriberId, Instant now) {
    jdbc.sql("""
        INSERT INTO status_delivery (update_id, subscriber_id, created_at, attempts)
        SELECT :update, :subscriber, :now, 0 FROM status_subscriber
        WHERE id = :subscriber AND NOT EXISTS
          (SELECT 1 FROM status_delivery WHERE update_id = :update AND subscriber_id = :subscriber)""")
        .param("update", updateId).param("subscriber", subscriberId).param("now", Timestamp.from(now)).update();
  }

  record Delivery(String updateId, String subscriberId) {}

  List<Delivery> pending(int maxAttempts) {
    return jdbc.sql("SELECT update_id, subscriber_id FROM status_delivery WHERE sent_at IS NULL AND attempts < :max ORDER BY created_at")
        .param("max", maxAttempts).query((rs, row) -> new Delivery(rs.getString(1), rs.getString(2))).list();
  }

  /** Takes a delivery for sending; false when another thread or node already took it. */
  boolean claim(Delivery delivery, Instant now) {
    return jdbc.sql("UPDATE status_delivery SET sent_at = :now, attempts = attempts + 1 WHERE update_id = :update AND subscriber_id = :subscriber AND sent_at IS NULL")
        .param("now", Timestamp.from(now)).param("update", delivery.updateId()).param("subscriber", delivery.subscriberId())
        .update() == 1;
  }

  /** Sending failed: back in the queue for the next attempt. */
  void release(Delivery delivery) {
    jdbc.sql("UPDATE status_delivery SET sent_at = NULL WHERE update_id = :update AND subscriber_id = :subscriber")
        .param("update", delivery.updateId()).param("subscriber", delivery.subscriberId()).update();
  }

  Optional<Subscriber> byId(String id) {
    return jdbc.sql("SELECT * FROM status_subscriber WHERE id = :id").param("id", id)
        .query(SubscriptionStore::subscriber).optional();
  }

  Optional<PublicUpdate> update(String updateId) {
    return jdbc.sql("SELECT * FROM status_update WHERE id = :id").param("id", updateId)
        .query((rs, row) -> new PublicUpdate(rs.getString("id"), rs.getString("incident_id"),
            IncidentState.byId(rs.getString("state")).orElseThrow(), rs.getString("body"),
            rs.getTimestamp("created_at").toInstant()))
        .optional();
  }

  private static Subscriber subscriber(ResultSet rs, int row) throws SQLException {
    String components = rs.getString("components");
    Timestamp confirmed = rs.getTimestamp("confirmed_at");
    return new Subscriber(rs.getString("id"), rs.getString("email"),
        components.isEmpty() ? List.of() : Arrays.asList(components.split(",")), rs.getString("token"),
        rs.getTimestamp("created_at").toInstant(), confirmed == null ? null : confirmed.toInstant());
  }
}
