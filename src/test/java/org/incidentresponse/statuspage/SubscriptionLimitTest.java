package org.incidentresponse.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The per-client limit, counted before anything else is looked at, and the address check. */
class SubscriptionLimitTest {

  @Test
  void aClientOverItsLimitGets429WhateverItSends() {
    StatusPageProperties properties = new StatusPageProperties("Status", URI.create("http://localhost/status"),
        List.of(), Map.of(), new StatusPageProperties.RateLimit(2, 5, Duration.ofHours(1)), null);
    // No store, mail or transactions: a refused request must not reach them.
    Subscriptions subscriptions = new Subscriptions(null, null, null, properties, null, null);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> subscriptions.subscribe("bad", List.of(), "192.0.2.1"))
          .isInstanceOfSatisfying(SubscriptionRejected.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
    }
    assertThatThrownBy(() -> subscriptions.subscribe("bad", List.of(), "192.0.2.1"))
        .isInstanceOfSatisfying(SubscriptionRejected.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));
    assertThatThrownBy(() -> subscriptions.subscribe("bad", List.of(), "192.0.2.2"))
        .isInstanceOfSatisfying(SubscriptionRejected.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
  }

  @Test
  void onlyOnePlainValidAddressIsAccepted() {
    assertThat(Subscriptions.address(" Name@Example.COM ")).hasValue("name@example.com");
    assertThat(Subscriptions.address("a@b")).isEmpty();
    assertThat(Subscriptions.address("Name <name@example.com>")).isEmpty();
    assertThat(Subscriptions.address("a@example.com, b@example.com")).isEmpty();
    assertThat(Subscriptions.address("a@example.com\r\nBcc: x@example.com")).isEmpty();
    assertThat(Subscriptions.address("x".repeat(250) + "@example.com")).isEmpty();
  }
}
