package org.incidentresponse.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.incidentresponse.identity.IdentityProperties;
import org.junit.jupiter.api.Test;

/**
 * The provider's group names → the app's groups: mapped names, names that already are the app's,
 * names that grant nothing, and a mapping to a group the app does not have, which stops the start.
 */
class GroupMappingTest {

  private static final IdentityProperties APP = new IdentityProperties(List.of(
      role("responders"), role("incident-commanders"), role("communications"), role("process-owners"),
      role("auditors")), null, null);

  private final GroupMapping mapping = new GroupMapping(APP, new SsoProperties(null, null, Map.of(
      "IR Responders", "responders", "sec-oncall", "responders", "Entra-Auditors", "auditors",
      "platform-admins", "camunda-admin"), null));

  @Test
  void providerGroupsAreMappedAndSeveralMayMeanTheSameAppGroup() {
    assertThat(mapping.appGroupsOf(List.of("IR Responders", "sec-oncall", "Entra-Auditors")))
        .containsExactly("auditors", "responders");
  }

  @Test
  void groupsThatAlreadyCarryTheAppsNamesMapToThemselves() {
    assertThat(mapping.appGroupsOf(List.of("incident-commanders", "communications", "camunda-admin")))
        .containsExactly("camunda-admin", "communications", "incident-commanders");
  }

  @Test
  void otherGroupsGrantNothing() {
    assertThat(mapping.appGroupsOf(List.of("marketing", "Responders", "responders-old", ""))).isEmpty();
    assertThat(mapping.appGroupsOf(List.of())).isEmpty();
  }

  @Test
  void theManagedGroupsAreTheRolesAndCamundaAdmin() {
    assertThat(mapping.appGroups()).containsExactlyInAnyOrder("responders", "incident-commanders", "communications",
        "process-owners", "auditors", "camunda-admin");
  }

  @Test
  void aMappingToAGroupTheAppDoesNotHaveStopsTheStart() {
    assertThatThrownBy(() -> new GroupMapping(APP, new SsoProperties(null, null, Map.of("ir-sre", "sre"), null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ir-sre'").hasMessageContaining("'sre'");
  }

  @Test
  void theGroupsClaimMayBeAListOrOneString() {
    assertThat(GroupMapping.names(List.of("a", "b"))).containsExactly("a", "b");
    assertThat(GroupMapping.names("responders")).containsExactly("responders");
    assertThat(GroupMapping.names(null)).isEmpty();
    assertThat(GroupMapping.names(" ")).isEmpty();
  }

  @Test
  void claimDefaults() {
    SsoProperties defaults = new SsoProperties(null, " ", null, null);
    assertThat(defaults.groupsClaim()).isEqualTo("groups");
    assertThat(defaults.userIdClaim()).isEqualTo("preferred_username");
    assertThat(defaults.api().rolesClaim()).isEqualTo("roles");
  }

  private static IdentityProperties.Role role(String group) {
    return new IdentityProperties.Role(group, group, List.of());
  }
}
