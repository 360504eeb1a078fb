package org.incidentresponse.statuspage;

import java.util.Arrays;
import java.util.Optional;

/** A public incident's state, as Atlassian Statuspage names them. */
public enum IncidentState {
  INVESTIGATING("investigating", "Investigating"),
  IDENTIFIED("identified", "Identified"),
  MONITORING("monitoring", "Monitoring"),
  RESOLVED("resolved", "Resolved");

  private final String id;
  private final String label;

  IncidentState(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public static Optional<IncidentState> byId(String id) {
    return Arrays.stream(values()).filter(state -> state.id.equals(id)).findFirst();
  }
}
