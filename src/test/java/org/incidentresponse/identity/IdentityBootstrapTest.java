package org.incidentresponse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.incidentresponse.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

@AppTest
class IdentityBootstrapTest {

  @Autowired
  private IdentityBootstrap bootstrap;
  @Autowired
  private IdentityService identityService;
  @Autowired
  private AuthorizationService authorizationService;
  @Autowired
  private FilterService filterService;
  @Value("${camunda.bpm.admin-user.id}")
  private String adminId;
  @Value("${camunda.bpm.admin-user.password}")
  private String adminPassword;

  @Test
  void applyingAgainCreatesNoDuplicates() {
    Map<String, Long> before = counts();

    bootstrap.apply();
    bootstrap.apply();

    assertThat(counts()).isEqualTo(before);
    assertThat(filterService.createFilterQuery().filterName("My tasks").count()).isEqualTo(1);
    assertThat(grants("auditors", Resources.DEPLOYMENT, "*")).hasSize(1);
  }

  @Test
  void applyingRestoresADeletedGrantAndAMissingPermission() {
    Authorization auditorsDeployments = grants("auditors", Resources.DEPLOYMENT, "*").get(0);
    authorizationService.deleteAuthorization(auditorsDeployments.getId());
    Authorization respondersSop = grants("responders", Resources.PROCESS_DEFINITION, "incident-response").get(0);
    respondersSop.removePermission(ProcessDefinitionPermissions.READ_HISTORY);
    authorizationService.saveAuthorization(respondersSop);

    bootstrap.apply();

    assertThat(grants("auditors", Resources.DEPLOYMENT, "*")).singleElement()
        .satisfies(grant -> assertThat(grant.isPermissionGranted(Permissions.READ)).isTrue());
    assertThat(grants("responders", Resources.PROCESS_DEFINITION, "incident-response")).singleElement()
        .satisfies(grant -> assertThat(grant.isPermissionGranted(ProcessDefinitionPermissions.READ_HISTORY)).isTrue());
  }

  @Test
  void auditorsAreGrantedNothingThatWrites() {
    List<Authorization> auditorGrants = authorizationService.createAuthorizationQuery().groupIdIn("auditors").list();

    assertThat(auditorGrants).isNotEmpty().allSatisfy(grant -> {
      assertThat(grant.getAuthorizationType()).isEqualTo(AUTH_TYPE_GRANT);
      Resources resource = Arrays.stream(Resources.values())
          .filter(candidate -> candidate.resourceType() == grant.getResourceType()).findFirst().orElseThrow();
      assertThat(grant.getPermissions(ResourcePermissions.validFor(resource).toArray(Permission[]::new)))
          .extracting(Permission::getName)
          .as("%s %s", resource, grant.getResourceId())
          .isNotEmpty()
          .isSubsetOf("NONE", "READ", "READ_HISTORY", "ACCESS");
    });
  }

  @Test
  void demoUsersExistWithTheirGroups() {
    Map<String, String> groupOf = Map.of("responder", "responders", "commander", "incident-commanders",
        "comms", "communications", "owner", "process-owners", "auditor", "auditors");

    groupOf.forEach((userId, group) -> {
      User user = identityService.createUserQuery().userId(userId).singleResult();
      assertThat(user.getEmail()).isEqualTo(userId + "@example.org");
      assertThat(user.getFirstName()).isNotBlank();
      assertThat(user.getLastName()).isNotBlank();
      assertThat(identityService.checkPassword(userId, userId)).isTrue();
      assertThat(identityService.createGroupQuery().groupMember(userId).list())
          .extracting(g -> g.getId()).containsExactly(group);
    });
    // The starter's admin user, with the password that the test profile sets over the demo profile's.
    assertThat(identityService.checkPassword(adminId, adminPassword)).isTrue();
    assertThat(identityService.createUserQuery().memberOfGroup("camunda-admin").list())
        .extracting(User::getId).containsExactly("admin");
  }

  private List<Authorization> grants(String group, Resources resource, String resourceId) {
    return authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(resource).resourceId(resourceId).list();
  }

  private Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    counts.put("groups", identityService.createGroupQuery().count());
    counts.put("users", identityService.createUserQuery().count());
    counts.put("authorizations", authorizationService.createAuthorizationQuery().count());
    counts.put("filters", filterService.createFilterQuery().count());
    for (User user : identityService.createUserQuery().list()) {
      counts.put("memberships of " + user.getId(), identityService.createGroupQuery().groupMember(user.getId()).count());
    }
    return counts;
  }
}
