package org.incidentresponse.statuspage;

import java.util.Arrays;
import java.util.Optional;

/** A component's status, spelled as Atlassian Statuspage's API spells it; ordered from best to worst. */
public enum ComponentStatus {
  OPERATIONAL("operational", "Operational"),
  UNDER_MAINTENANCE("under_maintenance", "Under maintenance"),
  DEGRADED_PERFORMANCE("degraded_performance", "Degraded performance"),
  PARTIAL_OUTAGE("partial_outage", "Partial outage"),
  MAJOR_OUTAGE("major_outage", "Major outage");

  private final String id;
  private final String label;

  ComponentStatus(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  /** The impact an incident may have: the outages, not operational or maintenance. */
  public boolean isOutage() {
    return compareTo(DEGRADED_PERFORMANCE) >= 0;
  }

  public ComponentStatus worse(ComponentStatus other) {
    return other.compareTo(this) > 0 ? other : this;
  }

  public static Optional<ComponentStatus> byId(String id) {
    return Arrays.stream(values()).filter(status -> status.id.equals(id)).findFirst();
  }
}
