package org.incidentresponse.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.incidentresponse.ProductionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** A start without the demo profile, admin credentials given as the environment would give them. */
@ProductionTest
class ProductionIdentityTest extends EngineRestTestSupport {

  @Autowired
  private IdentityService identityService;
  @Autowired
  private FilterService filterService;

  @Test
  void onlyTheConfiguredAdminExists() {
    assertThat(identityService.createUserQuery().list()).extracting(User::getId).containsExactly("ops-admin");
    assertThat(identityService.createGroupQuery().groupMember("ops-admin").list()).extracting(Group::getId)
        .containsExactly("camunda-admin");
  }

  @Test
  void rolesAndFiltersAreThereWithoutDemoUsers() {
    assertThat(identityService.createGroupQuery().list()).extracting(Group::getId).containsExactlyInAnyOrder(
        "responders", "incident-commanders", "communications", "process-owners", "auditors", "camunda-admin",
        "maintenance-schedulers");
    assertThat(filterService.createFilterQuery().count()).isEqualTo(6);
  }

  @Test
  void engineRestRequiresAuthentication() {
    assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("ops-admin", "Ops-Admin-Pa55").getForEntity("/engine-rest/task", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }
}
