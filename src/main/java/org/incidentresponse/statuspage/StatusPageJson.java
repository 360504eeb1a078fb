package org.incidentresponse.statuspage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The snapshot in the shape of Atlassian Statuspage's public API v2 ({@code page}, {@code status},
 * {@code components}, {@code incidents} with {@code incident_updates}), so that status widgets and
 * monitors that read a Statuspage read this one. Keys that have no counterpart here are null.
 */
final class StatusPageJson {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
      .withZone(ZoneOffset.UTC);
  static final String PAGE_ID = "status";

  private StatusPageJson() {}

  static Map<String, Object> summary(StatusSnapshot snapshot) {
    Map<String, Object> json = page(snapshot);
    json.put("components", components(snapshot));
    json.put("incidents", incidents(snapshot.unresolved(), snapshot));
    json.put("scheduled_maintenances", maintenances(snapshot.currentMaintenances(), snapshot));
    json.put("status", status(snapshot));
    return json;
  }

  static Map<String, Object> statusOnly(StatusSnapshot snapshot) {
    Map<String, Object> json = page(snapshot);
    json.put("status", status(snapshot));
    return json;
  }

  static Map<String, Object> componentsOnly(StatusSnapshot snapshot) {
    Map<String, Object> json = page(snapshot);
    json.put("components", components(snapshot));
    return json;
  }

  static Map<String, Object> incidents(StatusSnapshot snapshot, boolean unresolvedOnly) {
    Map<String, Object> json = page(snapshot);
    json.put("incidents", incidents(unresolvedOnly ? snapshot.unresolved() : snapshot.incidents(), snapshot));
    return json;
  }

  /** {@code scheduled-maintenances.json} (all shown), {@code upcoming.json} and {@code active.json}. */
  static Map<String, Object> maintenances(StatusSnapshot snapshot, List<Maintenance> maintenances) {
    Map<String, Object> json = page(snapshot);
    json.put("scheduled_maintenances", maintenances(maintenances, snapshot));
    return json;
  }

  private static List<Map<String, Object>> maintenances(List<Maintenance> maintenances, StatusSnapshot snapshot) {
    Map<String, StatusPageProperties.Component> byId = new LinkedHashMap<>();
    Map<String, Integer> positions = new LinkedHashMap<>();
    snapshot.components().forEach(view -> {
      byId.put(view.component().id(), view.component());
      positions.put(view.component().id(), positions.size() + 1);
    });
    List<Map<String, Object>> list = new ArrayList<>();
    for (Maintenance maintenance : maintenances) {
      ComponentStatus status = maintenance.isActive() ? ComponentStatus.UNDER_MAINTENANCE : ComponentStatus.OPERATIONAL;
      List<Map<String, Object>> affected = maintenance.components().stream().filter(byId::containsKey)
          .map(id -> component(byId.get(id), status, maintenance.updatedAt(), positions.get(id))).toList();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", maintenance.id());
      json.put("name", maintenance.title());
      json.put("status", maintenance.state().id());
      json.put("created_at", time(maintenance.createdAt()));
      json.put("updated_at", time(maintenance.updatedAt()));
      json.put("monitoring_at", null);
      json.put("resolved_at", time(maintenance.completedAt()));
      json.put("impact", "maintenance");
      json.put("shortlink", snapshot.url() + "/maintenances/" + maintenance.id());
      json.put("started_at", time(maintenance.startedAt()));
      json.put("page_id", PAGE_ID);
      json.put("incident_updates", maintenance.updates().stream().map(update -> {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", update.id());
        u.put("status", update.state().id());
        u.put("body", update.body());
        u.put("incident_id", maintenance.id());
        u.put("created_at", time(update.createdAt()));
        u.put("updated_at", time(update.createdAt()));
        u.put("display_at", time(update.createdAt()));
        u.put("affected_components", affected.stream().map(component -> {
          Map<String, Object> change = new LinkedHashMap<>();
          change.put("code", component.get("id"));
          change.put("name", component.get("name"));
          change.put("old_status", null);
          change.put("new_status", (update.state() == MaintenanceState.IN_PROGRESS
              ? ComponentStatus.UNDER_MAINTENANCE : ComponentStatus.OPERATIONAL).id());
          return change;
        }).toList());
        u.put("deliver_notifications", true);
        u.put("custom_tweet", null);
        u.put("tweet_id", null);
        return u;
      }).toList());
      json.put("components", affected);
      json.put("scheduled_for", time(maintenance.scheduledFor()));
      json.put("scheduled_until", time(maintenance.scheduledUntil()));
      list.add(json);
    }
    return list;
  }

  private static Map<String, Object> page(StatusSnapshot snapshot) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("id", PAGE_ID);
    page.put("name", snapshot.title());
    page.put("url", snapshot.url());
    page.put("time_zone", "Etc/UTC");
    page.put("updated_at", time(snapshot.updatedAt()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("page", page);
    return json;
  }

  private static Map<String, Object> status(StatusSnapshot snapshot) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("indicator", snapshot.indicator().id());
    status.put("description", snapshot.indicator().description());
    return status;
  }

  private static List<Map<String, Object>> components(StatusSnapshot snapshot) {
    List<Map<String, Object>> components = new ArrayList<>();
    int position = 1;
    for (StatusSnapshot.ComponentView view : snapshot.components()) {
      Instant updatedAt = snapshot.incidents().stream().filter(i -> i.affects(view.component().id()))
          .map(PublicIncident::updatedAt).max(Instant::compareTo).orElse(null);
      components.add(component(view.component(), view.status(), updatedAt, position++));
    }
    return components;
  }

  private static Map<String, Object> component(StatusPageProperties.Component component, ComponentStatus status,
      Instant updatedAt, int position) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", component.id());
    json.put("name", component.name());
    json.put("status", status.id());
    json.put("created_at", null);
    json.put("updated_at", time(updatedAt));
    json.put("position", position);
    json.put("description", component.description().isEmpty() ? null : component.description());
    json.put("showcase", true);
    json.put("start_date", null);
    json.put("group_id", null);
    json.put("page_id", PAGE_ID);
    json.put("group", false);
    json.put("only_show_if_degraded", false);
    return json;
  }

  private static List<Map<String, Object>> incidents(List<PublicIncident> incidents, StatusSnapshot snapshot) {
    Map<String, StatusPageProperties.Component> byId = new LinkedHashMap<>();
    snapshot.components().forEach(view -> byId.put(view.component().id(), view.component()));
    Map<String, Integer> positions = new LinkedHashMap<>();
    snapshot.components().forEach(view -> positions.put(view.component().id(), positions.size() + 1));
    return incidents.stream().map(incident -> incident(incident, snapshot.url(), id -> byId.get(id), positions)).toList();
  }

  private static Map<String, Object> incident(PublicIncident incident, String pageUrl,
      Function<String, StatusPageProperties.Component> components, Map<String, Integer> positions) {
    List<Map<String, Object>> affected = new ArrayList<>();
    for (String id : incident.components()) {
      StatusPageProperties.Component component = components.apply(id);
      if (component != null) {
        affected.add(component(component, incident.isResolved() ? ComponentStatus.OPERATIONAL : incident.impact(),
            incident.updatedAt(), positions.get(id)));
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", incident.id());
    json.put("name", incident.title());
    json.put("status", incident.state().id());
    json.put("created_at", time(incident.createdAt()));
    json.put("updated_at", time(incident.updatedAt()));
    json.put("monitoring_at", time(incident.monitoringAt()));
    json.put("resolved_at", time(incident.resolvedAt()));
    json.put("impact", impact(incident.impact()));
    json.put("shortlink", pageUrl + "/incidents/" + incident.id());
    json.put("started_at", time(incident.createdAt()));
    json.put("page_id", PAGE_ID);
    json.put("incident_updates", incident.updates().stream().map(update -> update(update, incident.impact(), affected)).toList());
    json.put("components", affected);
    return json;
  }

  private static Map<String, Object> update(PublicUpdate update, ComponentStatus impact,
      List<Map<String, Object>> affected) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", update.id());
    json.put("status", update.state().id());
    json.put("body", update.body());
    json.put("incident_id", update.incidentId());
    json.put("created_at", time(update.createdAt()));
    json.put("updated_at", time(update.createdAt()));
    json.put("display_at", time(update.createdAt()));
    json.put("affected_components", affected.stream().map(component -> {
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("code", component.get("id"));
      change.put("name", component.get("name"));
      change.put("old_status", null);
      change.put("new_status", (update.state() == IncidentState.RESOLVED ? ComponentStatus.OPERATIONAL : impact).id());
      return change;
    }).toList());
    json.put("deliver_notifications", true);
    json.put("custom_tweet", null);
    json.put("tweet_id", null);
    return json;
  }

  /** Statuspage's incident impact: none, minor, major or critical. */
  private static String impact(ComponentStatus impact) {
    return switch (impact) {
      case MAJOR_OUTAGE -> "critical";
      case PARTIAL_OUTAGE -> "major";
      case DEGRADED_PERFORMANCE -> "minor";
      default -> "none";
    };
  }

  private static String time(Instant instant) {
    return instant == null ? null : TIME.format(instant);
  }
}
