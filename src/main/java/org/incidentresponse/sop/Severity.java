package org.incidentresponse.sop;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The severities of the SOP, most severe first: what the {@code incident-severity} decision
 * proposes, what the commander picks in {@code forms/classify-incident.form}, and the rows of the
 * {@code severity-policy} decision.
 */
public enum Severity {
  SEV1, SEV2, SEV3, SEV4;

  /** The severity with this name ({@code SEV2}), or empty for anything else, null included. */
  public static Optional<Severity> parse(String name) {
    return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
  }

  /** "SEV1, SEV2, SEV3, SEV4", for error messages. */
  public static String allowed() {
    return String.join(", ", names());
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Severity::name).toList();
  }
}
