package org.incidentresponse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.incidentresponse.identity.IdentityProperties.Grant;
import org.junit.jupiter.api.Test;

class ResourcePermissionsTest {

  @Test
  void resolvesResourceSpecificAndGenericPermissions() {
    assertThat(new Grant(Resources.PROCESS_DEFINITION, null, List.of("read_history", "CREATE_INSTANCE"))
        .camundaPermissions())
        .containsExactly(ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.CREATE_INSTANCE);
    assertThat(new Grant(Resources.APPLICATION, List.of("tasklist"), List.of("ACCESS")).camundaPermissions())
        .containsExactly(Permissions.ACCESS);
  }

  @Test
  void aPermissionTheResourceDoesNotHaveFailsWithTheValidNames() {
    assertThatThrownBy(() -> new Grant(Resources.DEPLOYMENT, null, List.of("UPDATE")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'UPDATE' does not exist for resource DEPLOYMENT")
        .hasMessageContaining("CREATE");
  }

  @Test
  void grantsWithoutResourceIdsApplyToAll() {
    assertThat(new Grant(Resources.TASK, null, List.of("READ")).resourceIds()).containsExactly("*");
  }
}
