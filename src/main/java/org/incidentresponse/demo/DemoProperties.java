package org.incidentresponse.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code incident-response.demo.*}: the quick start's demo data.
 *
 * @param incidents seed the demo incidents ({@link DemoIncidents}) when the database has none
 */
@ConfigurationProperties("incident-response.demo")
public record DemoProperties(boolean incidents) {}
