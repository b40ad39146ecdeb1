package io.changegate.pages;

import io.changegate.approval.TaskRecords;
import io.changegate.security.ServiceAccountOwners;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rework task ("Amend the change", form {@code amend-change}) of a change, for the one person who may work it,
 * by the same rules the engine's task gate ({@code TaskCommandGuard}: the task is for them and nobody else has
 * claimed it) and {@code ApprovalService.amend} (the requester, or the owner of the service account that requested
 * it) apply. Completing it goes through the engine as Tasklist does: as that person, claimed for them if needed,
 * then completed with only the form's inputs, in one transaction, so the gate, segregation of duties and the audit
 * trail apply unchanged.
 */
@Component
class AmendTasks {

  static final String FORM = "amend-change";

  private final TaskService tasks;
  private final IdentityService identity;
  private final TaskRecords records;
  private final ServiceAccountOwners owners;
  private final TransactionTemplate transaction;

  AmendTasks(TaskService tasks, IdentityService identity, TaskRecords records, ServiceAccountOwners owners,
      TransactionTemplate transaction) {
    this.tasks = tasks;
    this.identity = identity;
    this.records = records;
    this.owners = owners;
    this.transaction = transaction;
  }

  /** The change's open rework task if this viewer may work it. */
  Optional<Task> openFor(String changeId, String requester, Viewer viewer) {
    if (viewer.id() == null || !owners.actsAs(viewer.id(), requester)) {
      return Optional.empty();
    }
    return tasks.createTaskQuery().processInstanceBusinessKey(changeId).active().initializeFormKeys().list().stream()
        .filter(task -> task.getCamundaFormRef() != null && FORM.equals(task.getCamundaFormRef().getKey()))
        .filter(task -> task.getAssignee() == null || task.getAssignee().equals(viewer.id()))
        .filter(task -> records.find(task.getId()).map(r -> r.isFor(viewer.id(), viewer.groups())).orElse(false))
        .findFirst();
  }

  /** Completes the task as the viewer (claiming it for them first if nobody has), with the form's inputs only. */
  void complete(Task task, Viewer viewer, AmendForm form) {
    identity.setAuthentication(viewer.id(), viewer.groups());
    try {
      transaction.executeWithoutResult(status -> {
        if (task.getAssignee() == null) {
          tasks.claim(task.getId(), viewer.id());
        }
        tasks.complete(task.getId(), form.inputs());
      });
    } finally {
      identity.clearAuthentication();
    }
  }
}
