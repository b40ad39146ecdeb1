package io.changegate.security;

import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;

/**
 * The engine's default authorizations, except for deployments (below) and tasks: Camunda writes a grant row per task for its assignee,
 * owner and every candidate (by default with {@code UPDATE}, which would let an approver edit the task's variables
 * and identity links). Changegate writes none: the groups work tasks through grants on the process definitions
 * ({@link AccessPolicy}) and the command gate checks that a task is for the person. It also keeps the task list
 * fast: no per-task rows to join.
 */
class ChangegateAuthorizationProvider extends DefaultAuthorizationProvider {

  /**
   * Camunda grants whoever deploys READ and DELETE on their deployment; a process owner may read what they deployed
   * but not delete it (a proposal is withdrawn by rejecting its model change, an approved version stays on record).
   */
  @Override
  public AuthorizationEntity[] newDeployment(Deployment deployment) {
    var authentication = Context.getProcessEngineConfiguration().getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      return null;
    }
    return new AuthorizationEntity[] {createGrantAuthorization(authentication.getUserId(), null,
        Resources.DEPLOYMENT, deployment.getId(), Permissions.READ)};
  }

  @Override
  public AuthorizationEntity[] newTask(Task task) {
    return null;
  }

  @Override
  public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
    return null;
  }

  @Override
  public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
    return null;
  }

  @Override
  public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
    return null;
  }

  @Override
  public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
    return null;
  }

  @Override
  public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String type) {
    return null;
  }

  @Override
  public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
    return null;
  }
}
