package org.incidentresponse.statuspage;

import java.util.Arrays;
import java.util.Optional;

/** A scheduled maintenance's state, as Atlassian Statuspage names them. */
public enum MaintenanceState {
  SCHEDULED("scheduled", "Scheduled"),
  IN_PROGRESS("in_progress", "In progress"),
  COMPLETED("completed", "Completed");

  private final String id;
  private final String label;

  MaintenanceState(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public static Optional<MaintenanceState> byId(String id) {
    return Arrays.stream(values()).filter(state -> state.id.equals(id)).findFirst();
  }
}
