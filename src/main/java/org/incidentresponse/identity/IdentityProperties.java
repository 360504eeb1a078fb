package org.incidentresponse.identity;

import java.util.List;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may do what, declared as data in {@code application.yaml} and applied by {@link IdentityBootstrap}.
 *
 * <p>Keeping roles, grants and filters here (rather than in code) lets an operator read the whole
 * permission model in one place and review a change to it like any other configuration change.
 *
 * @param roles one Camunda group per role, with the authorizations granted to it
 * @param filters shared Tasklist filters and the groups that may see them
 * @param users users to create; declared only in the {@code demo} profile
 */
@ConfigurationProperties("incident-response.identity")
public record IdentityProperties(List<Role> roles, List<TaskFilter> filters, List<User> users) {

  public IdentityProperties {
    roles = roles == null ? List.of() : List.copyOf(roles);
    filters = filters == null ? List.of() : List.copyOf(filters);
    users = users == null ? List.of() : List.copyOf(users);
  }

  /**
   * A role is a Camunda group and what it is granted.
   *
   * @param group the group id (also used as candidate group in the BPMN)
   * @param name the display name shown in Admin
   * @param grants GRANT authorizations of this group
   */
  public record Role(String group, String name, List<Grant> grants) {

    public Role {
      grants = grants == null ? List.of() : List.copyOf(grants);
    }
  }

  /**
   * One GRANT authorization per resource id.
   *
   * @param resource a Camunda resource type, e.g. {@code process-definition}
   * @param resourceIds keys or ids ({@code *} = every resource of the type)
   * @param permissions permission names valid for the resource, e.g. {@code READ_HISTORY}
   */
  public record Grant(Resources resource, List<String> resourceIds, List<String> permissions) {

    public Grant {
      resourceIds = resourceIds == null || resourceIds.isEmpty() ? List.of("*") : List.copyOf(resourceIds);
      permissions = permissions == null ? List.of() : List.copyOf(permissions);
      // Resolving here makes a misspelt permission fail property binding, naming the yaml entry.
      camundaPermissions(resource, permissions);
    }

    /** The declared permissions as Camunda permissions of this resource. */
    public List<Permission> camundaPermissions() {
      return camundaPermissions(resource, permissions);
    }

    private static List<Permission> camundaPermissions(Resources resource, List<String> names) {
      if (resource == null) {
        throw new IllegalArgumentException("Every grant needs a resource");
      }
      return names.stream().map(name -> ResourcePermissions.resolve(resource, name)).toList();
    }
  }

  /**
   * A shared Tasklist filter; {@code color}, {@code description}, {@code priority}, {@code refresh}
   * and {@code variables} are stored as the filter properties in Tasklist's own format.
   *
   * @param name unique filter name; an existing filter of that name is kept as it is
   * @param priority position in Tasklist's filter list (lower first)
   * @param refresh whether Tasklist refreshes the list automatically
   * @param variables process variables shown on each task card
   * @param query the task criteria
   * @param visibleTo groups granted READ on the filter
   */
  public record TaskFilter(String name, String description, String color, int priority, boolean refresh,
      List<CardVariable> variables, FilterQuery query, List<String> visibleTo) {

    public TaskFilter {
      variables = variables == null ? List.of() : List.copyOf(variables);
      query = query == null ? new FilterQuery(null, null, false, null, null, null, null, null) : query;
      visibleTo = visibleTo == null ? List.of() : List.copyOf(visibleTo);
    }
  }

  /** A variable shown on Tasklist's task card: variable name and the label in front of it. */
  public record CardVariable(String name, String label) {}

  /**
   * Task criteria of a filter. Expressions such as {@code ${currentUser()}} are evaluated by
   * Camunda for the user looking at the filter (Spring leaves them alone: they resolve to no
   * property, and unresolvable placeholders are kept as written).
   *
   * @param assigneeExpression tasks assigned to the expression's user
   * @param candidateGroupsExpression tasks whose candidate groups include one of the expression's groups
   * @param unassigned only tasks without an assignee
   * @param minPriority only tasks with at least this priority
   * @param taskDefinitionKey only tasks of this BPMN user task
   * @param processDefinitionKey only tasks of this process
   * @param dueBeforeExpression only tasks due before the expression's date, e.g. {@code ${now()}}: overdue
   * @param sorting order of the tasks, first criterion first
   */
  public record FilterQuery(String assigneeExpression, String candidateGroupsExpression, boolean unassigned,
      Integer minPriority, String taskDefinitionKey, String processDefinitionKey, String dueBeforeExpression,
      List<Sorting> sorting) {

    public FilterQuery {
      sorting = sorting == null ? List.of() : List.copyOf(sorting);
    }
  }

  /** One sort criterion of a filter. */
  public record Sorting(SortField by, SortOrder order) {

    public Sorting {
      order = order == null ? SortOrder.ASC : order;
    }
  }

  /** Task properties a filter can be sorted by. */
  public enum SortField { PRIORITY, CREATED, DUE_DATE, FOLLOW_UP_DATE, NAME }

  /** Sort direction. */
  public enum SortOrder { ASC, DESC }

  /**
   * A user to create if missing. Existing users are left unchanged (their password may have been changed).
   *
   * @param groups ids of the groups the user belongs to
   */
  public record User(String id, String password, String firstName, String lastName, String email,
      List<String> groups) {

    public User {
      groups = groups == null ? List.of() : List.copyOf(groups);
    }

    @Override
    public String toString() {
      // Keeps the password out of logs and failure messages.
      return "User[id=" + id + ", groups=" + groups + "]";
    }
  }
}
