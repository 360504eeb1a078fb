package org.incidentresponse.sso;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.incidentresponse.identity.IdentityProperties;
import org.springframework.stereotype.Component;

/**
 * The provider's group names → the app's groups, as {@code incident-response.sso.group-mapping}
 * declares them. Only the app's groups (the declared roles and {@code camunda-admin}) ever come out:
 * a provider group that is neither mapped nor named like an app group grants nothing.
 */
@Component
public class GroupMapping {

  /** Camunda's administrators' group, which the starter creates rather than the declared roles. */
  static final String CAMUNDA_ADMIN = "camunda-admin";

  private final Set<String> appGroups;
  private final Map<String, String> mapping;

  public GroupMapping(IdentityProperties identity, SsoProperties properties) {
    Set<String> groups = new LinkedHashSet<>();
    identity.roles().forEach(role -> groups.add(role.group()));
    groups.add(CAMUNDA_ADMIN);
    this.appGroups = Set.copyOf(groups);
    properties.groupMapping().forEach((providerGroup, appGroup) -> {
      if (!appGroups.contains(appGroup)) {
        throw new IllegalArgumentException("incident-response.sso.group-mapping maps '" + providerGroup
            + "' to '" + appGroup + "', which is none of the app's groups " + new TreeSet<>(appGroups));
      }
    });
    this.mapping = properties.groupMapping();
  }

  /** The app groups that the provider's groups grant, sorted. */
  public Set<String> appGroupsOf(Collection<String> providerGroups) {
    Set<String> granted = new TreeSet<>();
    for (String group : providerGroups) {
      String mapped = mapping.get(group);
      if (mapped != null) {
        granted.add(mapped);
      } else if (appGroups.contains(group)) {
        granted.add(group);
      }
    }
    return granted;
  }

  /** The groups that single sign-on manages: memberships of other groups are left alone. */
  public Set<String> appGroups() {
    return appGroups;
  }

  /** A claim's value as group names: a JSON list, or one string. */
  static List<String> names(Object claim) {
    if (claim instanceof Collection<?> values) {
      return values.stream().filter(value -> value != null).map(Object::toString).toList();
    }
    return claim == null ? List.of() : Stream.of(claim.toString()).filter(value -> !value.isBlank()).toList();
  }
}
