package org.incidentresponse.sso;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the identity provider's users and groups become the app's: which claims to read, and which of
 * the provider's groups mean which of the app's groups ({@code incident-response.identity.roles}).
 * Who the provider is lies in Spring Boot's own properties ({@code spring.security.oauth2.client.*}
 * for the webapps, {@code spring.security.oauth2.resourceserver.jwt.*} for the API).
 *
 * @param userIdClaim the claim that becomes the Camunda user id (Tasklist's assignee)
 * @param groupsClaim the claim with the user's groups at the provider (a list, or one string)
 * @param groupMapping provider group → app group; a provider group that already carries an app
 *     group's name maps to itself
 * @param api who may call the API with a bearer JWT
 */
@ConfigurationProperties("incident-response.sso")
public record SsoProperties(String userIdClaim, String groupsClaim, Map<String, String> groupMapping, Api api) {

  public SsoProperties {
    userIdClaim = userIdClaim == null || userIdClaim.isBlank() ? "preferred_username" : userIdClaim;
    groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
    groupMapping = groupMapping == null ? Map.of() : Map.copyOf(groupMapping);
    api = api == null ? new Api(null, null) : api;
  }

  /**
   * Machine access to {@code /api/**} with a JWT of the same provider.
   *
   * @param rolesClaim the claim with the caller's roles, mapped like the users' groups
   * @param intakeGroups app groups that may open incidents (POST /api/incidents, /api/alerts/*);
   *     reading the audit needs one of {@code incident-response.audit.reader-groups}
   */
  public record Api(String rolesClaim, List<String> intakeGroups) {

    public Api {
      rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
      intakeGroups = intakeGroups == null ? List.of() : List.copyOf(intakeGroups);
    }
  }
}
