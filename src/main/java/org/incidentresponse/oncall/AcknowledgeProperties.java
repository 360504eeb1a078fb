package org.incidentresponse.oncall;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The acknowledge links in pages.
 *
 * @param secret the HS256 key that signs the links (environment {@code INCIDENT_ACKNOWLEDGE_SECRET}), at least 32 bytes;
 *     without it the application does not start, as a guessable key would let anyone acknowledge pages
 * @param baseUrl the application's public URL that the links start with
 */
@ConfigurationProperties("incident-response.oncall.acknowledge")
public record AcknowledgeProperties(String secret, String baseUrl) {

  public AcknowledgeProperties {
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
  }
}
