package org.incidentresponse.oncall;

import java.util.List;

/** The catalog's files as process owners write them; {@link CatalogReader} validates and compiles them. */
final class CatalogFiles {

  private CatalogFiles() {}

  record Teams(List<TeamEntry> teams) {}

  record TeamEntry(String id, String name, String group, ScheduleEntry schedule, List<StepEntry> escalation,
      Integer repeat, List<String> stakeholders) {}

  /** {@code primary} and {@code secondary}: layers, highest priority last. */
  record ScheduleEntry(String timeZone, List<LayerEntry> primary, List<LayerEntry> secondary) {}

  /**
   * A rotation ({@code users}, {@code rotation}, {@code start}, optional {@code restrictions}) or an
   * iCalendar feed ({@code ical}). {@code priority} orders layers explicitly (higher wins); without
   * it the position in the list does.
   */
  record LayerEntry(String name, List<String> users, String rotation, String start, List<RestrictionEntry> restrictions,
      Integer priority, String ical) {}

  /** {@code days: [MON, TUE, ...]} (all days when left out), {@code from: "09:00"}, {@code to: "17:00"}. */
  record RestrictionEntry(List<String> days, String from, String to) {}

  record StepEntry(@com.fasterxml.jackson.annotation.JsonProperty("notify") String target, @com.fasterxml.jackson.annotation.JsonProperty("wait") String waitFor) {}

  record Services(List<ServiceEntry> services) {}

  record ServiceEntry(String id, String name, String team, String tier, String runbook, String dashboard,
      List<String> stakeholders) {}
}
