package io.changegate.security;

import static io.changegate.security.Groups.AUDITORS;
import static io.changegate.security.Groups.CAB;
import static io.changegate.security.Groups.DEVELOPERS;
import static io.changegate.security.Groups.ECAB;
import static io.changegate.security.Groups.LEGAL;
import static io.changegate.security.Groups.OPERATIONS;
import static io.changegate.security.Groups.PROCESS_OWNERS;
import static io.changegate.security.Groups.SECURITY;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_TASK;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;

/**
 * Who may do what in the engine (Tasklist, Cockpit, Admin and {@code /engine-rest}): least privilege per group of
 * docs/names.md, the whole table in {@code docs/security.md} (a test compares it with the engine's authorizations).
 *
 * <ul>
 *   <li>Changes enter through {@code /api/changes}; in the engine only {@code operations} start processes
 *       ({@code emergency-change} and {@code rollback-request}, from their Tasklist start forms).
 *   <li>Task work is granted per process definition, to the groups whose tasks live there: read its tasks and
 *       claim/complete them ({@code TASK_WORK}), never update them. Which task is for whom is the engine's
 *       candidate rule, enforced by Changegate's command gate (see {@code approval.process.TaskCommandGuard});
 *       the engine writes no per-task authorization rows.
 *   <li>No group but the administrator may update process instances or their variables, modify or suspend them:
 *       operations keep job retries and incident handling.
 * </ul>
 * The process keys come from the capabilities that own them ({@link ProcessAccess} beans), so this class names no
 * other capability.
 */
public final class AccessPolicy {

  /** One grant: a group gets permissions on a resource (id or {@code *}). */
  public record Grant(String group, Resource resource, String resourceId, Permission... permissions) {}

  /** What a group needs on a process definition whose tasks it works. */
  static final Permission[] TASK_WORK = {ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_TASK,
      ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.READ_INSTANCE};

  private AccessPolicy() {}

  public static List<Grant> grants(List<ProcessAccess> processes) {
    List<Grant> grants = new ArrayList<>();
    for (String group : List.of(DEVELOPERS, OPERATIONS, SECURITY, LEGAL, CAB, ECAB, PROCESS_OWNERS)) {
      grants.add(new Grant(group, APPLICATION, "tasklist", ACCESS));
      grants.add(new Grant(group, FILTER, "*", READ));
      grants.add(new Grant(group, PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ));
    }
    for (ProcessAccess process : processes) {
      process.taskGroups().forEach(group -> grants.add(new Grant(group, PROCESS_DEFINITION, process.key(), TASK_WORK)));
      process.readingGroups().forEach(group -> grants.add(new Grant(group, PROCESS_DEFINITION, process.key(),
          ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE)));
      process.startingGroups().forEach(group -> grants.add(new Grant(group, PROCESS_DEFINITION, process.key(),
          ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE)));
    }

    // operations start emergency changes and rollback requests, run deployments, retry jobs and handle incidents
    grants.add(new Grant(OPERATIONS, APPLICATION, "cockpit", ACCESS));
    grants.add(new Grant(OPERATIONS, PROCESS_INSTANCE, "*", CREATE, ProcessInstancePermissions.READ,
        ProcessInstancePermissions.RETRY_JOB));
    grants.add(new Grant(OPERATIONS, PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.RETRY_JOB));
    grants.add(new Grant(OPERATIONS, DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY));
    grants.add(new Grant(OPERATIONS, DEPLOYMENT, "*", READ));

    // the CAB follows changes in Cockpit
    grants.add(new Grant(CAB, APPLICATION, "cockpit", ACCESS));
    grants.add(new Grant(CAB, PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY));
    grants.add(new Grant(CAB, PROCESS_INSTANCE, "*", ProcessInstancePermissions.READ));

    // process owners deploy BPMN, DMN and forms (each deployment is a model change that a second process owner and
    // security approve before it governs: io.changegate.governance) and read the definitions; no runtime right, no
    // deleting deployments
    grants.add(new Grant(PROCESS_OWNERS, APPLICATION, "cockpit", ACCESS));
    grants.add(new Grant(PROCESS_OWNERS, DEPLOYMENT, "*", CREATE, READ));
    grants.add(new Grant(PROCESS_OWNERS, DECISION_DEFINITION, "*", Permissions.READ));
    grants.add(new Grant(PROCESS_OWNERS, DECISION_REQUIREMENTS_DEFINITION, "*", READ));

    // auditors read everything, history included, and start nothing
    grants.add(new Grant(AUDITORS, APPLICATION, "cockpit", ACCESS));
    grants.add(new Grant(AUDITORS, APPLICATION, "tasklist", ACCESS));
    grants.add(new Grant(AUDITORS, FILTER, "*", READ));
    grants.add(new Grant(AUDITORS, PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY));
    grants.add(new Grant(AUDITORS, PROCESS_INSTANCE, "*", ProcessInstancePermissions.READ));
    grants.add(new Grant(AUDITORS, TASK, "*", READ));
    grants.add(new Grant(AUDITORS, HISTORIC_TASK, "*", HistoricTaskPermissions.READ));
    grants.add(new Grant(AUDITORS, HISTORIC_PROCESS_INSTANCE, "*", HistoricProcessInstancePermissions.READ));
    grants.add(new Grant(AUDITORS, DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY));
    grants.add(new Grant(AUDITORS, DECISION_REQUIREMENTS_DEFINITION, "*", READ));
    grants.add(new Grant(AUDITORS, DEPLOYMENT, "*", READ));
    return grants;
  }
}
