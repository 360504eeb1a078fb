package org.incidentresponse.sso;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Logins through single sign-on, failures by reason, and uses of the break-glass account, in
 * Prometheus as {@code incident_response_sso_logins_total{result,reason}} and
 * {@code incident_response_sso_break_glass_total{result}}. A break-glass success while the provider
 * is up is worth an alert.
 */
@Component
public class SsoMetrics {

  static final String LOGINS = "incident.response.sso.logins";
  static final String BREAK_GLASS = "incident.response.sso.break.glass";

  private final MeterRegistry registry;

  public SsoMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void loggedIn() {
    Counter.builder(LOGINS).tag("result", "success").tag("reason", "none").register(registry).increment();
  }

  /** A refused or failed login; {@code reason} is one of a few fixed words, never user input. */
  public void failed(String reason) {
    Counter.builder(LOGINS).tag("result", "failure").tag("reason", reason).register(registry).increment();
  }

  public void breakGlass(boolean succeeded) {
    Counter.builder(BREAK_GLASS).tag("result", succeeded ? "success" : "failure").register(registry).increment();
  }
}
