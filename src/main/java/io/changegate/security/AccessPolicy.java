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
import static org.camunda.bpm.engine.authorization.Permissions.DELETE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.RETRY_JOB;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.UPDATE_INSTANCE;
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

import io.changegate.change.ChangeProcess;
import io.changegate.governance.ModelChangeProcess;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;

/**
 * Who may do what in the engine (Tasklist, Cockpit, Admin and {@code /engine-rest}), per group of
 * CONTRACT.md. Changes enter through {@code /api/changes}, which validates and records them; in the
 * engine only {@code operations} may start a process directly ({@code emergency-change}). Task access
 * follows candidate groups: the engine grants it per task.
 */
public final class AccessPolicy {

  /** One grant: a group gets permissions on a resource (id or {@code *}). */
  public record Grant(String group, Resource resource, String resourceId, Permission... permissions) {}

  private AccessPolicy() {}

  public static List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (String group : List.of(DEVELOPERS, OPERATIONS, SECURITY, LEGAL, CAB, ECAB, PROCESS_OWNERS)) {
      grants.add(new Grant(group, APPLICATION, "tasklist", ACCESS));
      grants.add(new Grant(group, FILTER, "*", READ));
      grants.add(new Grant(group, PROCESS_DEFINITION, "*", READ));
    }
    // reviewers read the variables of the review processes, so that Tasklist's task list shows the change id and
    // title of their tasks (its variable columns are read with a variable query, not through the task)
    for (String group : List.of(DEVELOPERS, SECURITY, LEGAL)) {
      for (String review : List.of(ChangeProcess.NORMAL_CHANGE, io.changegate.risk.FmeaProcess.FMEA_REVIEW,
          io.changegate.approval.ReviewProcess.SIGN_OFF)) {
        grants.add(new Grant(group, PROCESS_DEFINITION, review, READ, READ_INSTANCE));
      }
    }
    // operations run deployments and start emergency changes
    grants.add(new Grant(OPERATIONS, APPLICATION, "cockpit", ACCESS));
    grants.add(new Grant(OPERATIONS, PROCESS_DEFINITION, ChangeProcess.EMERGENCY_CHANGE, READ, CREATE_INSTANCE));
    // operations ask for rollbacks from the Tasklist (process rollback-request, start form)
    grants.add(new Grant(OPERATIONS, PROCESS_DEFINITION, "rollback-request", READ, CREATE_INSTANCE));
    grants.add(new Grant(OPERATIONS, PROCESS_INSTANCE, "*", CREATE, READ, UPDATE,
        ProcessInstancePermissions.RETRY_JOB));
    grants.add(new Grant(OPERATIONS, PROCESS_DEFINITION, "*", READ, READ_INSTANCE, READ_HISTORY, UPDATE_INSTANCE,
        RETRY_JOB));
    grants.add(new Grant(OPERATIONS, DECISION_DEFINITION, "*", Permissions.READ,
        Permissions.READ_HISTORY));
    grants.add(new Grant(OPERATIONS, DEPLOYMENT, "*", READ));
    // the CAB follows changes in Cockpit
    grants.add(new Grant(CAB, APPLICATION, "cockpit", ACCESS));
    grants.add(new Grant(CAB, PROCESS_DEFINITION, "*", READ, READ_INSTANCE, READ_HISTORY));
    grants.add(new Grant(CAB, PROCESS_INSTANCE, "*", READ));
    // process owners deploy BPMN, DMN and forms (each deployment is a model change: io.changegate.governance) and
    // read definitions; no runtime right, no deleting deployments
    grants.add(new Grant(PROCESS_OWNERS, APPLICATION, "cockpit", ACCESS));
    grants.add(new Grant(PROCESS_OWNERS, DEPLOYMENT, "*", CREATE, READ));
    grants.add(new Grant(PROCESS_OWNERS, PROCESS_DEFINITION, "*", READ));
    grants.add(new Grant(PROCESS_OWNERS, DECISION_DEFINITION, "*", Permissions.READ));
    grants.add(new Grant(PROCESS_OWNERS, DECISION_REQUIREMENTS_DEFINITION, "*", READ));
    // model changes: a second process owner, then security, review them in Tasklist (variables of their tasks)
    grants.add(new Grant(PROCESS_OWNERS, PROCESS_DEFINITION, ModelChangeProcess.MODEL_CHANGE, READ, READ_INSTANCE));
    grants.add(new Grant(SECURITY, PROCESS_DEFINITION, ModelChangeProcess.MODEL_CHANGE, READ, READ_INSTANCE));
    // auditors read everything, history included, and start nothing
    grants.add(new Grant(AUDITORS, APPLICATION, "cockpit", ACCESS));
    grants.add(new Grant(AUDITORS, APPLICATION, "tasklist", ACCESS));
    grants.add(new Grant(AUDITORS, FILTER, "*", READ));
    grants.add(new Grant(AUDITORS, PROCESS_DEFINITION, "*", READ, READ_INSTANCE, READ_HISTORY));
    grants.add(new Grant(AUDITORS, PROCESS_INSTANCE, "*", READ));
    grants.add(new Grant(AUDITORS, TASK, "*", READ));
    grants.add(new Grant(AUDITORS, HISTORIC_TASK, "*", HistoricTaskPermissions.READ));
    grants.add(new Grant(AUDITORS, HISTORIC_PROCESS_INSTANCE, "*", HistoricProcessInstancePermissions.READ));
    grants.add(new Grant(AUDITORS, DECISION_DEFINITION, "*", Permissions.READ,
        Permissions.READ_HISTORY));
    grants.add(new Grant(AUDITORS, DECISION_REQUIREMENTS_DEFINITION, "*", READ));
    grants.add(new Grant(AUDITORS, DEPLOYMENT, "*", READ));
    return grants;
  }

  /**
   * Permissions earlier releases granted and this one takes back (a database seeded before keeps them otherwise):
   * process owners no longer delete deployments nor touch running instances.
   */
  public static List<Grant> revoked() {
    return List.of(
        new Grant(PROCESS_OWNERS, DEPLOYMENT, "*", DELETE),
        new Grant(PROCESS_OWNERS, PROCESS_DEFINITION, "*", UPDATE, READ_INSTANCE, READ_HISTORY),
        new Grant(PROCESS_OWNERS, DECISION_DEFINITION, "*", Permissions.UPDATE, Permissions.READ_HISTORY));
  }
}
