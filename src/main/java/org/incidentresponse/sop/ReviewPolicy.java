package org.incidentresponse.sop;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a severity's post-incident review is mandatory or left to the commander: the
 * {@code reviewPolicy} output of the {@code severity-policy} decision, tested by the gateway
 * Gateway_ReviewRequired.
 */
public enum ReviewPolicy {
  MANDATORY("mandatory"),
  OPTIONAL("optional");

  private final String id;

  ReviewPolicy(String id) {
    this.id = id;
  }

  /** The decision's output value, e.g. {@code mandatory}. */
  public String id() {
    return id;
  }

  public static Optional<ReviewPolicy> byId(String id) {
    return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
  }
}
