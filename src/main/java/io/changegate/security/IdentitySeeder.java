package io.changegate.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seeds, once and idempotently, before the web server accepts a request: the groups of docs/names.md,
 * the administrator (whose password must come from configuration outside the demo profile), the demo
 * users (demo profile only), the engine authorizations of {@link AccessPolicy}, and Tasklist's shared
 * filters.
 */
@Component
public class IdentitySeeder extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySeeder.class);

  /** Demo users of docs/names.md: password = user id. */
  static final Map<String, List<String>> DEMO_USERS = demoUsers();

  private final SecurityProperties properties;
  private final List<ProcessAccess> processes;

  public IdentitySeeder(SecurityProperties properties, List<ProcessAccess> processes) {
    this.properties = properties;
    this.processes = List.copyOf(processes);
    String password = properties.admin().password();
    if (!properties.demoUsers() && (password == null || password.isBlank())) {
      throw new IllegalStateException("No administrator password configured: set CHANGEGATE_ADMIN_PASSWORD "
          + "(changegate.security.admin.password). Outside the demo profile there is no default password.");
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new ChangegateAuthorizationProvider());
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    for (String group : Groups.ALL) {
      ensureGroup(identity, group);
    }
    String adminId = properties.admin().id();
    if (properties.admin().password() != null && !properties.admin().password().isBlank()) {
      ensureUser(identity, adminId, properties.admin().password(), "Changegate", "Administrator",
          List.of(Groups.CAMUNDA_ADMIN));
    }
    if (properties.demoUsers()) {
      DEMO_USERS.forEach((user, groups) -> ensureUser(identity, user, user, displayName(user), "(demo)", groups));
    }
    for (Resource resource : Resources.values()) {
      ensureGrant(authorizations, Groups.CAMUNDA_ADMIN, resource, Authorization.ANY, Permissions.ALL);
    }
    reconcile(authorizations, AccessPolicy.grants(processes));
    removeTaskRows(authorizations);
    ensureFilters(engine.getFilterService(), engine.getTaskService());
    LOG.info("Identities ready: {} groups, administrator '{}', demo users {}", Groups.ALL.size(), adminId,
        properties.demoUsers() ? DEMO_USERS.keySet() : "off");
  }

  private static void ensureGroup(IdentityService identity, String id) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(id);
      group.setType(Groups.CAMUNDA_ADMIN.equals(id) ? "SYSTEM" : "WORKFLOW");
      identity.saveGroup(group);
    }
  }

  private static void ensureUser(IdentityService identity, String id, String password, String first, String last,
      List<String> groups) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(first);
      user.setLastName(last);
      user.setPassword(password);
      user.setEmail(id + "@changegate.local");
      identity.saveUser(user);
    }
    for (String group : groups) {
      if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
        identity.createMembership(id, group);
      }
    }
  }

  private static void ensureGrant(AuthorizationService authorizations, String group, Resource resource,
      String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group)
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization grant = existing != null ? existing
        : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    if (existing == null) {
      grant.setGroupId(group);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
    }
    boolean missing = false;
    for (var permission : permissions) {
      if (!grant.isPermissionGranted(permission)) {
        grant.addPermission(permission);
        missing = true;
      }
    }
    if (missing) {
      authorizations.saveAuthorization(grant);
    }
  }

  /**
   * Makes the grants of every group the policy manages exactly the policy: missing ones are added, wider ones
   * narrowed, and grants the policy no longer lists (from an earlier version, or added by hand) removed, so an
   * upgrade never leaves a right behind. The administrator's grants are not the policy's.
   */
  static void reconcile(AuthorizationService authorizations, List<AccessPolicy.Grant> grants) {
    Map<String, Integer> wanted = new LinkedHashMap<>();
    Map<String, AccessPolicy.Grant> first = new LinkedHashMap<>();
    for (AccessPolicy.Grant grant : grants) {
      String key = grant.group() + "|" + grant.resource().resourceType() + "|" + grant.resourceId();
      int bits = 0;
      for (Permission permission : grant.permissions()) {
        bits |= permission.getValue();
      }
      wanted.merge(key, bits, (a, b) -> a | b);
      first.putIfAbsent(key, grant);
    }
    for (String group : Groups.ALL) {
      if (Groups.CAMUNDA_ADMIN.equals(group)) {
        continue;
      }
      for (Authorization existing : authorizations.createAuthorizationQuery().groupIdIn(group)
          .authorizationType(Authorization.AUTH_TYPE_GRANT).list()) {
        String key = group + "|" + existing.getResourceType() + "|" + existing.getResourceId();
        Integer bits = wanted.remove(key);
        if (bits == null) {
          authorizations.deleteAuthorization(existing.getId());
        } else if (((AuthorizationEntity) existing).getPermissions() != bits) {
          ((AuthorizationEntity) existing).setPermissions(bits);
          authorizations.saveAuthorization(existing);
        }
      }
    }
    wanted.forEach((key, bits) -> {
      AccessPolicy.Grant grant = first.get(key);
      AuthorizationEntity created = (AuthorizationEntity) authorizations.createNewAuthorization(
          Authorization.AUTH_TYPE_GRANT);
      created.setGroupId(grant.group());
      created.setResource(grant.resource());
      created.setResourceId(grant.resourceId());
      created.setPermissions(bits);
      authorizations.saveAuthorization(created);
    });
  }

  /** Per-task rows the engine wrote before Changegate stopped it ({@link ChangegateAuthorizationProvider}). */
  private static void removeTaskRows(AuthorizationService authorizations) {
    for (Authorization row : authorizations.createAuthorizationQuery().resourceType(Resources.TASK).list()) {
      if (!Authorization.ANY.equals(row.getResourceId())) {
        authorizations.deleteAuthorization(row.getId());
      }
    }
  }

  private static void ensureFilters(FilterService filters, TaskService tasks) {
    ensureFilter(filters, "My group's tasks", "Open tasks for any of my groups", -10,
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned());
    ensureFilter(filters, "Asked of me", "Tasks offered to me by name: my FMEA worksheets, amendments and new slots, "
            + "and reviews of my groups that someone in them may not take", -8,
        tasks.createTaskQuery().taskCandidateUserExpression("${currentUser()}").withCandidateUsers().taskUnassigned());
    ensureFilter(filters, "Assigned to me", "Tasks I claimed", -5,
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    ensureFilter(filters, "Overdue", "My groups' tasks past their due date", 0,
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
            .dueBeforeExpression("${now()}"));
  }

  /** Creates the shared filter, or brings an existing one of that name back to this definition. */
  private static void ensureFilter(FilterService filters, String name, String description, int priority,
      TaskQuery query) {
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(name);
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    properties.put("variables", List.of(
        Map.of("name", "changeId", "label", "Change"),
        Map.of("name", "title", "label", "Title"),
        Map.of("name", "service", "label", "Service"),
        Map.of("name", "environment", "label", "Environment")));
    filters.saveFilter(filter.setProperties(properties).setQuery(query));
  }

  private static String displayName(String user) {
    return Character.toUpperCase(user.charAt(0)) + user.substring(1).replace('-', ' ');
  }

  private static Map<String, List<String>> demoUsers() {
    Map<String, List<String>> users = new LinkedHashMap<>();
    users.put("requester", List.of(Groups.DEVELOPERS));
    users.put("reviewer", List.of(Groups.DEVELOPERS));
    users.put("security-officer", List.of(Groups.SECURITY));
    users.put("legal-counsel", List.of(Groups.LEGAL));
    users.put("ops-engineer", List.of(Groups.OPERATIONS));
    users.put("ops-lead", List.of(Groups.OPERATIONS, Groups.ECAB));
    users.put("cab-chair", List.of(Groups.CAB, Groups.ECAB));
    users.put("process-owner", List.of(Groups.PROCESS_OWNERS));
    users.put("process-owner-2", List.of(Groups.PROCESS_OWNERS));
    users.put("auditor", List.of(Groups.AUDITORS));
    return java.util.Collections.unmodifiableMap(users);
  }
}
