package org.incidentresponse.statuspage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * The status page's read side: components' statuses from the open public incidents that affect
 * them, a 90-day history per component, and the incidents themselves. Days are UTC days.
 */
@Service
public class StatusPage {

  static final int HISTORY_DAYS = 90;
  static final int PAGE_SIZE = 20;

  private final StatusPageStore store;
  private final StatusPageProperties properties;
  private final MaintenanceStore maintenances;

  StatusPage(StatusPageStore store, StatusPageProperties properties, MaintenanceStore maintenances) {
    this.store = store;
    this.properties = properties;
    this.maintenances = maintenances;
  }

  public StatusSnapshot snapshot() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate first = today.minusDays(HISTORY_DAYS - 1L);
    Instant since = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    List<PublicIncident> incidents = store.openSince(since);
    return snapshot(properties, incidents, maintenances.currentSince(since), today, now);
  }

  /** Pure: the snapshot of these incidents on that day (the golden test builds one without a database). */
  static StatusSnapshot snapshot(StatusPageProperties properties, List<PublicIncident> incidents, LocalDate today,
      Instant now) {
    return snapshot(properties, incidents, List.of(), today, now);
  }

  /** Pure, with maintenances: a component under an active maintenance is under_maintenance unless an outage is worse. */
  static StatusSnapshot snapshot(StatusPageProperties properties, List<PublicIncident> incidents,
      List<Maintenance> maintenances, LocalDate today, Instant now) {
    List<StatusSnapshot.ComponentView> components = new ArrayList<>();
    for (StatusPageProperties.Component component : properties.components()) {
      List<PublicIncident> affecting = incidents.stream().filter(i -> i.affects(component.id())).toList();
      ComponentStatus status = worst(affecting.stream().filter(i -> !i.isResolved()).toList());
      if (maintenances.stream().anyMatch(m -> m.isActive() && m.affects(component.id()))) {
        status = status.worse(ComponentStatus.UNDER_MAINTENANCE);
      }
      List<StatusSnapshot.Day> days = new ArrayList<>();
      for (LocalDate day = today.minusDays(HISTORY_DAYS - 1L); !day.isAfter(today); day = day.plusDays(1)) {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = from.plus(Duration.ofDays(1));
        days.add(new StatusSnapshot.Day(day, worst(affecting.stream().filter(i -> i.openDuring(from, to)).toList())));
      }
      components.add(new StatusSnapshot.ComponentView(component, status, days));
    }
    ComponentStatus overall = worst(incidents.stream().filter(i -> !i.isResolved()).toList());
    if (maintenances.stream().anyMatch(Maintenance::isActive)) {
      overall = overall.worse(ComponentStatus.UNDER_MAINTENANCE);
    }
    Instant updatedAt = java.util.stream.Stream.concat(incidents.stream().map(PublicIncident::updatedAt),
        maintenances.stream().map(Maintenance::updatedAt)).max(Comparator.naturalOrder()).orElse(now);
    return new StatusSnapshot(properties.title(), properties.url().toString(), updatedAt,
        StatusSnapshot.Indicator.of(overall), components, incidents, maintenances);
  }

  private static ComponentStatus worst(List<PublicIncident> incidents) {
    return incidents.stream().map(PublicIncident::impact).reduce(ComponentStatus.OPERATIONAL, ComponentStatus::worse);
  }

  public Optional<Maintenance> maintenance(String id) {
    return maintenances.byId(id);
  }

  public Optional<PublicIncident> incident(String id) {
    return store.byId(id);
  }

  /** One page of every public incident, newest first; pages count from 0. */
  public List<PublicIncident> history(int page) {
    return store.page(page, PAGE_SIZE);
  }

  public int historyPages() {
    return Math.max(1, (store.count() + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  public String componentName(String id) {
    return properties.component(id).map(StatusPageProperties.Component::name).orElse(id);
  }
}
