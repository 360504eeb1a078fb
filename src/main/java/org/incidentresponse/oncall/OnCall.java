package org.incidentresponse.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The catalog in force, and who is on call in it. The catalog is read when the application has
 * started (after the identity bootstrap has created the declared users and groups, which it checks
 * against); an invalid catalog stops the start. {@link #reload} swaps the whole catalog, or keeps the
 * old one and says why.
 */
@Component
public class OnCall {

  private static final Logger log = LoggerFactory.getLogger(OnCall.class);

  private final CatalogProperties properties;
  private final CatalogReader reader;
  private final OnCallOverrides overrides;
  private final AtomicReference<Catalog> catalog = new AtomicReference<>(Catalog.EMPTY);

  public OnCall(CatalogProperties properties, ResourceLoader resources, IdentityService identity,
      OnCallOverrides overrides) {
    this.properties = properties;
    this.overrides = overrides;
    this.reader = new CatalogReader(resources,
        user -> identity.createUserQuery().userId(user).count() > 0,
        group -> identity.createGroupQuery().groupId(group).count() > 0);
  }

  @EventListener(ApplicationStartedEvent.class)
  void load() {
    Catalog loaded = reader.read(properties.location(), properties.defaultTeam());
    catalog.set(loaded);
    log.info("Catalog {}: {} teams, {} services", properties.location(), loaded.teams().size(), loaded.services().size());
  }

  /** Reads the catalog again; on any problem the catalog in force stays, and the exception lists the problems. */
  public Catalog reload() {
    Catalog loaded = reader.read(properties.location(), properties.defaultTeam());
    catalog.set(loaded);
    log.info("Catalog reloaded from {}: {} teams, {} services", properties.location(), loaded.teams().size(),
        loaded.services().size());
    return loaded;
  }

  public Catalog catalog() {
    return catalog.get();
  }

  /** The team that owns the service; the configured default team for a service the catalog does not know. */
  public Optional<Team> teamOfService(String service) {
    Catalog current = catalog.get();
    return current.service(service).flatMap(known -> current.team(known.team()))
        .or(() -> current.team(properties.defaultTeam()));
  }

  /** Who holds the team's role at that moment, overrides included. */
  public Optional<Shift> at(Team team, OnCallRole role, Instant at) {
    return team.schedule().at(role, at, overrideShifts(team, role, at.minus(java.time.Duration.ofDays(400)),
        at.plus(java.time.Duration.ofDays(400))));
  }

  /** The team's shifts of that role in [from, to), overrides included. */
  public List<Shift> shifts(Team team, OnCallRole role, Instant from, Instant to) {
    return team.schedule().shifts(role, from, to, overrideShifts(team, role, from, to));
  }

  /** The user's shifts in every team, from {@code calendarPastDays} ago to {@code calendarFutureDays} ahead, by start. */
  List<CalendarExport.Entry> userShifts(String user, OnCallProperties window) {
    Instant now = org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant();
    Instant from = now.minus(java.time.Duration.ofDays(window.calendarPastDays()));
    Instant to = now.plus(java.time.Duration.ofDays(window.calendarFutureDays()));
    List<CalendarExport.Entry> entries = new ArrayList<>();
    for (Team team : catalog().teams().values()) {
      for (OnCallRole role : OnCallRole.values()) {
        shifts(team, role, from, to).stream().filter(shift -> shift.user().equals(user))
            .forEach(shift -> entries.add(new CalendarExport.Entry(team.id(), role, shift)));
      }
    }
    entries.sort(java.util.Comparator.comparing(entry -> entry.shift().start()));
    return entries;
  }

  /** Newest first: where overrides overlap, the one made last wins. */
  private List<Shift> overrideShifts(Team team, OnCallRole role, Instant from, Instant to) {
    List<Shift> shifts = new ArrayList<>(overrides.of(team.id(), role, from, to).stream().map(ShiftOverride::shift).toList());
    Collections.reverse(shifts);
    return shifts;
  }
}
