package org.incidentresponse.oncall;

import java.util.Map;
import java.util.Optional;

/** The teams and services read from the catalog's files, validated as a whole. */
public record Catalog(Map<String, Team> teams, Map<String, Service> services) {

  public static final Catalog EMPTY = new Catalog(Map.of(), Map.of());

  public Catalog {
    teams = Map.copyOf(teams);
    services = Map.copyOf(services);
  }

  public Optional<Team> team(String id) {
    return Optional.ofNullable(id).map(teams::get);
  }

  public Optional<Service> service(String id) {
    return Optional.ofNullable(id).map(services::get);
  }
}
