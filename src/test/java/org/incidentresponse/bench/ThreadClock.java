package org.incidentresponse.bench;

import java.time.Instant;
import org.joda.time.DateTimeUtils;

/**
 * A clock per thread for the engine: Camunda's ClockUtil reads Joda's DateTimeUtils, whose millis
 * provider is replaced here by one that answers the calling thread's time when it has one, the
 * system time otherwise. So many threads can each drive an incident at its own moment of the past.
 * Never call ClockUtil.setCurrentTime while this is installed: it would replace the provider.
 */
final class ThreadClock {

  private static final ThreadLocal<Long> NOW = new ThreadLocal<>();

  private ThreadClock() {
  }

  static void install() {
    DateTimeUtils.setCurrentMillisProvider(() -> {
      Long now = NOW.get();
      return now != null ? now : System.currentTimeMillis();
    });
  }

  static void set(Instant now) {
    NOW.set(now.toEpochMilli());
  }

  static Instant now() {
    Long now = NOW.get();
    return now != null ? Instant.ofEpochMilli(now) : Instant.now();
  }

  static void clear() {
    NOW.remove();
  }
}
