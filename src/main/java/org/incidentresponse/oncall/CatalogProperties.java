package org.incidentresponse.oncall;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the catalog of teams and services is read from, and where an incident goes whose service it
 * does not know.
 *
 * @param location folder holding {@code teams.yaml}, {@code services.yaml} and optionally Backstage's
 *     {@code catalog-info.yaml}; {@code classpath:catalog/} ships the files packaged with the app,
 *     {@code file:/etc/incident-response/catalog/} reads them from disk (and from disk again on reload)
 * @param defaultTeam the team of an incident whose service is not in the catalog; none: such an
 *     incident pages the whole {@code responders} group, as before teams existed
 */
@ConfigurationProperties("incident-response.catalog")
public record CatalogProperties(String location, String defaultTeam) {

  public CatalogProperties {
    location = location == null || location.isBlank() ? "classpath:catalog/" : location;
    location = location.endsWith("/") ? location : location + "/";
    defaultTeam = defaultTeam == null || defaultTeam.isBlank() ? null : defaultTeam.strip();
  }
}
