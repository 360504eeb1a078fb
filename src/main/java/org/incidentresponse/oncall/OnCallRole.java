package org.incidentresponse.oncall;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The two on-call duties of a team's schedule; the catalog and the API write them in lower case. */
public enum OnCallRole {
  PRIMARY,
  SECONDARY;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<OnCallRole> of(String id) {
    return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst();
  }
}
