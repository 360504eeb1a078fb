package org.incidentresponse.statuspage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the page, the JSON and the feeds show at one moment, computed by {@link StatusPage}.
 *
 * @param updatedAt when anything shown last changed
 * @param indicator the page's overall status
 * @param components every configured component with its status and 90-day history
 * @param incidents the incidents open at some time in the last 90 days, newest first
 * @param maintenances the maintenances not completed and those completed in the last 90 days, soonest first
 */
public record StatusSnapshot(String title, String url, Instant updatedAt, Indicator indicator,
    List<ComponentView> components, List<PublicIncident> incidents, List<Maintenance> maintenances) {

  /** Upcoming and in-progress maintenances: what Statuspage's summary lists. */
  public List<Maintenance> currentMaintenances() {
    return maintenances.stream().filter(m -> m.isActive() || m.isUpcoming()).toList();
  }

  public List<Maintenance> activeMaintenances() {
    return maintenances.stream().filter(Maintenance::isActive).toList();
  }

  public List<Maintenance> upcomingMaintenances() {
    return maintenances.stream().filter(Maintenance::isUpcoming).toList();
  }

  public List<PublicIncident> unresolved() {
    return incidents.stream().filter(incident -> !incident.isResolved()).toList();
  }

  public List<PublicIncident> resolved() {
    return incidents.stream().filter(PublicIncident::isResolved).toList();
  }

  /** A component now, and the worst status of each of its last 90 days (oldest first). */
  public record ComponentView(StatusPageProperties.Component component, ComponentStatus status, List<Day> days) {
    public long daysWithIncidents() {
      return days.stream().filter(day -> day.worst() != ComponentStatus.OPERATIONAL).count();
    }
  }

  public record Day(LocalDate date, ComponentStatus worst) {}

  /** Statuspage's {@code status.indicator} and {@code status.description}. */
  public enum Indicator {
    NONE("none", "All Systems Operational"),
    MAINTENANCE("maintenance", "Service Under Maintenance"),
    MINOR("minor", "Minor Service Outage"),
    MAJOR("major", "Partial System Outage"),
    CRITICAL("critical", "Major System Outage");

    private final String id;
    private final String description;

    Indicator(String id, String description) {
      this.id = id;
      this.description = description;
    }

    public String id() {
      return id;
    }

    public String description() {
      return description;
    }

    static Indicator of(ComponentStatus worst) {
      return switch (worst) {
        case OPERATIONAL -> NONE;
        case UNDER_MAINTENANCE -> MAINTENANCE;
        case DEGRADED_PERFORMANCE -> MINOR;
        case PARTIAL_OUTAGE -> MAJOR;
        case MAJOR_OUTAGE -> CRITICAL;
      };
    }
  }
}
