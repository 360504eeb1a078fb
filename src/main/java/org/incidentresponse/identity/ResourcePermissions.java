package org.incidentresponse.identity;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.SystemPermissions;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;

/**
 * Turns a permission name from the configuration into Camunda's permission for that resource.
 *
 * <p>Some resources have their own permission enum (READ_HISTORY of a process definition is a
 * {@link ProcessDefinitionPermissions}); the others use the generic {@link Permissions} that list
 * the resource among their types. A name that does not fit the resource fails the start with the
 * valid names, instead of Camunda's later and vaguer error on save.
 */
final class ResourcePermissions {

  private ResourcePermissions() {}

  static Permission resolve(Resources resource, String name) {
    List<Permission> valid = validFor(resource);
    return valid.stream()
        .filter(permission -> permission.getName().equalsIgnoreCase(name.trim()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Permission '" + name + "' does not exist for resource "
            + resource + "; valid: " + valid.stream().map(Permission::getName).collect(Collectors.joining(", "))));
  }

  /** Every permission Camunda accepts on the resource. */
  static List<Permission> validFor(Resources resource) {
    Permission[] specific = switch (resource) {
      case PROCESS_DEFINITION -> ProcessDefinitionPermissions.values();
      case PROCESS_INSTANCE -> ProcessInstancePermissions.values();
      case TASK -> TaskPermissions.values();
      case HISTORIC_TASK -> HistoricTaskPermissions.values();
      case HISTORIC_PROCESS_INSTANCE -> HistoricProcessInstancePermissions.values();
      case OPERATION_LOG_CATEGORY -> UserOperationLogCategoryPermissions.values();
      case BATCH -> BatchPermissions.values();
      case SYSTEM -> SystemPermissions.values();
      default -> null;
    };
    if (specific != null) {
      return List.of(specific);
    }
    return Arrays.stream(Permissions.values())
        .filter(permission -> Arrays.asList(permission.getTypes()).contains(resource))
        .map(Permission.class::cast)
        .toList();
  }
}
