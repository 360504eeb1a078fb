package org.incidentresponse.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.incidentresponse.identity.IdentityProperties.FilterQuery;
import org.incidentresponse.identity.IdentityProperties.Grant;
import org.incidentresponse.identity.IdentityProperties.Role;
import org.incidentresponse.identity.IdentityProperties.Sorting;
import org.incidentresponse.identity.IdentityProperties.TaskFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Applies {@link IdentityProperties} to the engine at every start: creates missing groups, users,
 * memberships, grants, permissions and filters, and never duplicates or removes anything.
 *
 * <p>Runs before the web server accepts requests, so nobody logs in to a Tasklist without filters.
 * Existing users and filters are left as they are, since an admin may have changed them in Admin or
 * Tasklist; grants only ever gain missing permissions. Task permissions are not declared here:
 * Camunda grants READ plus the default task permission to a task's candidate groups and assignee
 * when the task is created.
 */
@Component
public class IdentityBootstrap implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

  private final IdentityProperties properties;
  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;

  public IdentityBootstrap(IdentityProperties properties, IdentityService identityService,
      AuthorizationService authorizationService, FilterService filterService, TaskService taskService) {
    this.properties = properties;
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
  }

  @Override
  public void afterSingletonsInstantiated() {
    apply();
  }

  /** Creates whatever is declared but missing; safe to call any number of times. */
  public void apply() {
    for (Role role : properties.roles()) {
      ensureGroup(role.group(), role.name());
      for (Grant grant : role.grants()) {
        List<Permission> permissions = grant.camundaPermissions();
        for (String resourceId : grant.resourceIds()) {
          ensureGrant(role.group(), grant.resource(), resourceId, permissions);
        }
      }
    }
    for (TaskFilter filter : properties.filters()) {
      String filterId = ensureFilter(filter);
      for (String group : filter.visibleTo()) {
        ensureGrant(group, Resources.FILTER, filterId, List.of(Permissions.READ));
      }
    }
    for (IdentityProperties.User user : properties.users()) {
      ensureUser(user);
    }
    log.info("Identity applied: {} roles, {} filters, {} users", properties.roles().size(),
        properties.filters().size(), properties.users().size());
  }

  private void ensureGroup(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    Group group = identityService.newGroup(id);
    group.setName(name == null ? id : name);
    group.setType("WORKFLOW");
    identityService.saveGroup(group);
    log.info("Created group {}", id);
  }

  /** The one place authorizations are written: adds a GRANT or the permissions it lacks. */
  private void ensureGrant(String group, Resources resource, String resourceId, List<Permission> permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group)
        .resourceType(resource)
        .resourceId(resourceId)
        .list().stream().findFirst()
        .orElse(null);
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = authorization.getId() == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
      log.info("Granted {} {} on {} {}", group, permissions.stream().map(Permission::getName).toList(),
          resource, resourceId);
    }
  }

  private String ensureFilter(TaskFilter definition) {
    List<Filter> existing = filterService.createFilterQuery()
        .filterResourceType("Task")
        .filterName(definition.name())
        .list();
    if (!existing.isEmpty()) {
      return existing.get(0).getId();
    }
    Filter filter = filterService.newTaskFilter(definition.name())
        .setProperties(filterProperties(definition))
        .setQuery(taskQuery(definition.query()));
    filterService.saveFilter(filter);
    log.info("Created Tasklist filter '{}'", definition.name());
    return filter.getId();
  }

  /** Tasklist's own property format, as its filter dialog saves it. */
  private static Map<String, Object> filterProperties(TaskFilter definition) {
    Map<String, Object> filterProperties = new LinkedHashMap<>();
    filterProperties.put("color", definition.color());
    filterProperties.put("description", definition.description());
    filterProperties.put("priority", definition.priority());
    filterProperties.put("refresh", definition.refresh());
    filterProperties.put("showUndefinedVariable", false);
    filterProperties.put("variables", definition.variables().stream()
        .map(variable -> Map.of("name", variable.name(), "label", variable.label()))
        .toList());
    return filterProperties;
  }

  private TaskQuery taskQuery(FilterQuery criteria) {
    TaskQuery query = taskService.createTaskQuery();
    if (criteria.assigneeExpression() != null) {
      query.taskAssigneeExpression(criteria.assigneeExpression());
    }
    if (criteria.candidateGroupsExpression() != null) {
      query.taskCandidateGroupInExpression(criteria.candidateGroupsExpression());
    }
    if (criteria.unassigned()) {
      query.taskUnassigned();
    }
    if (criteria.minPriority() != null) {
      query.taskMinPriority(criteria.minPriority());
    }
    if (criteria.taskDefinitionKey() != null) {
      query.taskDefinitionKey(criteria.taskDefinitionKey());
    }
    if (criteria.dueBeforeExpression() != null) {
      query.dueBeforeExpression(criteria.dueBeforeExpression());
    }
    if (criteria.processDefinitionKey() != null) {
      query.processDefinitionKey(criteria.processDefinitionKey());
    }
    for (Sorting sorting : criteria.sorting()) {
      switch (sorting.by()) {
        case PRIORITY -> query.orderByTaskPriority();
        case CREATED -> query.orderByTaskCreateTime();
        case DUE_DATE -> query.orderByDueDate();
        case FOLLOW_UP_DATE -> query.orderByFollowUpDate();
        case NAME -> query.orderByTaskName();
      }
      if (sorting.order() == IdentityProperties.SortOrder.DESC) {
        query.desc();
      } else {
        query.asc();
      }
    }
    return query;
  }

  private void ensureUser(IdentityProperties.User declared) {
    if (identityService.createUserQuery().userId(declared.id()).count() == 0) {
      User user = identityService.newUser(declared.id());
      user.setPassword(declared.password());
      user.setFirstName(declared.firstName());
      user.setLastName(declared.lastName());
      user.setEmail(declared.email());
      identityService.saveUser(user);
      log.info("Created user {}", declared.id());
    }
    for (String group : declared.groups()) {
      // A group that is no role (an on-call team such as payments) is created with its first member.
      ensureGroup(group, null);
      if (identityService.createUserQuery().userId(declared.id()).memberOfGroup(group).count() == 0) {
        identityService.createMembership(declared.id(), group);
      }
    }
  }
}
