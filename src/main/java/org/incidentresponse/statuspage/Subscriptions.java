package org.incidentresponse.statuspage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E-mail subscriptions to the status page, double opt-in: a request stores an unconfirmed
 * subscriber and mails a link; only a confirmed subscriber gets updates, each public update once
 * (queued in the publishing step's transaction, one row per update and subscriber, sent after it
 * commits and retried every minute if SMTP fails). Requests are rate-limited per client address and
 * per e-mail address; the answer never says whether an address was already subscribed.
 */
@Service
class Subscriptions {

  private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
  static final int MAX_ATTEMPTS = 5;
  static final Duration UNCONFIRMED_KEPT = Duration.ofDays(7);

  private final SubscriptionStore store;
  private final StatusPageStore incidents;
  private final MaintenanceStore maintenances;
  private final StatusPageProperties properties;
  private final SubscriberMail mail;
  private final TransactionTemplate transaction;
  private final TransactionTemplate newTransaction;
  private final Cache<String, AtomicInteger> perClient;
  private final Cache<String, AtomicInteger> perAddress;

  Subscriptions(SubscriptionStore store, StatusPageStore incidents, MaintenanceStore maintenances,
      StatusPageProperties properties, SubscriberMail mail, PlatformTransactionManager transactions) {
    this.store = store;
    this.incidents = incidents;
    this.maintenances = maintenances;
    this.properties = properties;
    this.mail = mail;
    this.transaction = new TransactionTemplate(transactions);
    this.newTransaction = new TransactionTemplate(transactions);
    newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    StatusPageProperties.RateLimit limit = properties.rateLimit();
    this.perClient = Caffeine.newBuilder().expireAfterWrite(limit.window()).maximumSize(100_000).build();
    this.perAddress = Caffeine.newBuilder().expireAfterWrite(limit.window()).maximumSize(100_000).build();
  }

  /**
   * Stores an unconfirmed subscription and mails its confirmation link, or refuses with the reason.
   * A confirmed address is left as it is and gets no mail: the visitor sees the same answer.
   */
  void subscribe(String email, List<String> components, String client) {
    StatusPageProperties.RateLimit limit = properties.rateLimit();
    if (exceeded(perClient, client, limit.perClient())) {
      throw new SubscriptionRejected(HttpStatus.TOO_MANY_REQUESTS,
          "Too many subscription requests from your network; try again later.");
    }
    String address = address(email).orElseThrow(() -> new SubscriptionRejected(HttpStatus.BAD_REQUEST,
        "Enter a valid e-mail address, such as name@example.com."));
    List<String> chosen = List.copyOf(new LinkedHashSet<>(components == null ? List.of() : components));
    for (String component : chosen) {
      if (properties.component(component).isEmpty()) {
        throw new SubscriptionRejected(HttpStatus.BAD_REQUEST, "There is no component '" + component + "' on this page.");
      }
    }
    if (exceeded(perAddress, address, limit.perAddress())) {
      throw new SubscriptionRejected(HttpStatus.TOO_MANY_REQUESTS,
          "Too many subscription requests for this address; try again later.");
    }
    transaction.executeWithoutResult(status -> {
      Instant now = now();
      Optional<Subscriber> existing = store.byEmail(address);
      if (existing.isPresent() && existing.get().confirmedAt() != null) {
        return;
      }
      Subscriber subscriber = existing.map(old -> store.renew(old, chosen, now))
          .orElseGet(() -> store.create(address, chosen, now));
      // Inside the transaction: a mail that cannot be sent leaves no subscription behind.
      mail.send(subscriber, "confirm", "confirm your subscription", Map.of("components", names(chosen)));
    });
  }

  /** Confirms the subscription of this link; empty for an unknown or already used link. */
  Optional<Subscriber> confirm(String token) {
    return transaction.execute(status -> store.byToken(token).filter(s -> s.confirmedAt() == null)
        .filter(s -> store.confirm(s.id(), now())));
  }

  Optional<Subscriber> pending(String token) {
    return store.byToken(token).filter(s -> s.confirmedAt() == null);
  }

  /** Removes the subscriber of this link, if any; the answer is the same either way. */
  void unsubscribe(String token) {
    transaction.executeWithoutResult(status -> store.byToken(token).ifPresent(s -> store.delete(s.id())));
  }

  /** In the publishing step's transaction: one delivery per confirmed subscriber of the affected components. */
  @EventListener
  public void queue(PublicUpdatePublished published) {
    Instant now = now();
    store.confirmed().stream().filter(subscriber -> subscriber.wants(published.incident()))
        .forEach(subscriber -> store.enqueue(published.update().id(), subscriber.id(), now));
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void sendAfterCommit(PublicUpdatePublished published) {
    deliverPending();
  }

  /** The same for a maintenance's update: its ids share the delivery table with incident updates. */
  @EventListener
  public void queue(MaintenanceUpdatePublished published) {
    Instant now = now();
    store.confirmed().stream().filter(subscriber -> subscriber.wants(published.maintenance().components()))
        .forEach(subscriber -> store.enqueue(published.update().id(), subscriber.id(), now));
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void sendAfterCommit(MaintenanceUpdatePublished published) {
    deliverPending();
  }

  /** Sends what is queued; each delivery is taken by one thread or node only, and put back if SMTP fails. */
  @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
  public void deliverPending() {
    for (SubscriptionStore.Delivery delivery : store.pending(MAX_ATTEMPTS)) {
      Boolean claimed = newTransaction.execute(status -> store.claim(delivery, now()));
      if (!Boolean.TRUE.equals(claimed)) {
        continue;
      }
      try {
        send(delivery);
      } catch (RuntimeException failed) {
        log.warn("Status page update {} could not be mailed to subscriber {}; retried within a minute: {}",
            delivery.updateId(), delivery.subscriberId(), failed.toString());
        newTransaction.executeWithoutResult(status -> store.release(delivery));
      }
    }
  }

  private void send(SubscriptionStore.Delivery delivery) {
    Optional<Subscriber> subscriber = store.byId(delivery.subscriberId());
    Optional<PublicUpdate> update = store.update(delivery.updateId());
    if (subscriber.isPresent() && update.isEmpty()) {
      Optional<Maintenance.Update> maintenanceUpdate = maintenances.update(delivery.updateId());
      if (maintenanceUpdate.isPresent()) {
        Maintenance maintenance = maintenances.byId(maintenanceUpdate.get().maintenanceId()).orElseThrow();
        mail.send(subscriber.get(), "maintenance", "Maintenance " + maintenanceUpdate.get().state().label().toLowerCase(Locale.ROOT)
            + ": " + maintenance.title(), Map.of("maintenance", maintenance, "update", maintenanceUpdate.get(),
            "components", names(maintenance.components()), "times", new StatusPageViews.Times()));
      }
      return;
    }
    if (subscriber.isEmpty() || update.isEmpty()) {
      return;
    }
    PublicIncident incident = incidents.byId(update.get().incidentId()).orElseThrow();
    mail.send(subscriber.get(), "update", incident.title() + ": " + update.get().state().label(), Map.of(
        "incident", incident, "update", update.get(), "components", names(incident.components()),
        "times", new StatusPageViews.Times()));
  }

  /** Unconfirmed requests are personal data kept for nothing: gone after 7 days. */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
  public void deleteUnconfirmed() {
    int deleted = store.deleteUnconfirmedBefore(now().minus(UNCONFIRMED_KEPT));
    if (deleted > 0) {
      log.info("Deleted {} unconfirmed status page subscriptions older than 7 days", deleted);
    }
  }

  List<Subscriber> all() {
    return store.all();
  }

  private String names(List<String> components) {
    return String.join(", ", components.stream()
        .map(id -> properties.component(id).map(StatusPageProperties.Component::name).orElse(id)).toList());
  }

  private static boolean exceeded(Cache<String, AtomicInteger> counters, String key, int limit) {
    return counters.asMap().computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > limit;
  }

  /** The address in lower case, or empty unless it is one plain, valid address. */
  static Optional<String> address(String email) {
    if (email == null || email.isBlank() || email.strip().length() > 254) {
      return Optional.empty();
    }
    String candidate = email.strip();
    try {
      InternetAddress parsed = new InternetAddress(candidate, true);
      parsed.validate();
      if (!candidate.equals(parsed.getAddress()) || !candidate.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+")) {
        return Optional.empty();
      }
    } catch (AddressException invalid) {
      return Optional.empty();
    }
    return Optional.of(candidate.toLowerCase(Locale.ROOT));
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
