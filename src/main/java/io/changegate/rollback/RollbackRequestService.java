package io.changegate.rollback;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeConflictException;
import io.changegate.change.ChangeProcess;
import io.changegate.change.ChangeService;
import io.changegate.change.Reason;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asks for a rollback (message {@code RollbackRequested}), from the API or the Tasklist: a change that is
 * deploying or validating is interrupted and rolled back; a completed change is rolled back by a new
 * {@code rollback} instance with the change id as business key. Other states have nothing to roll back.
 */
@Service
public class RollbackRequestService {

  private final ChangeService changes;
  private final RuntimeService runtime;
  private final AuditTrail audit;

  public RollbackRequestService(ChangeService changes, @Lazy RuntimeService runtime, AuditTrail audit) {
    this.changes = changes;
    this.runtime = runtime;
    this.audit = audit;
  }

  /**
   * The change, as it is once the request was sent; a conflict when it has nothing to roll back, a 400 for a reason
   * beyond {@link Reason}'s rule.
   */
  @Transactional
  public Change request(String changeId, String actor, String reason) {
    return send(changeId, actor, Reason.checked(reason));
  }

  /** A rehearsal's rollback ({@link RehearsalRequests} checked the person's reason): the reason says so. */
  Change requestRehearsal(String changeId, String actor, String reason) {
    return send(changeId, actor, "rollback rehearsal" + (reason == null || reason.isBlank() ? "" : ": " + reason));
  }

  private Change send(String changeId, String actor, String reason) {
    Change change = changes.get(changeId);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", reason == null ? "" : reason);
    details.put("status", change.status().name());
    switch (change.status()) {
      case DEPLOYING, VALIDATING -> {
        ProcessInstance deployment = runtime.createProcessInstanceQuery().processInstanceBusinessKey(changeId)
            .processDefinitionKey(ChangeProcess.DEPLOYMENT).active().list().stream().findFirst()
            .orElseThrow(() -> new ChangeConflictException(changeId + " is " + change.status()
                + " but its deployment is not running (an incident may hold it); resolve it in Cockpit"));
        audit.record(actor, AuditAction.ROLLBACK_REQUESTED, changeId, details);
        runtime.createMessageCorrelation(RollbackProcess.MESSAGE_ROLLBACK_REQUESTED)
            .processInstanceId(deployment.getId())
            .setVariable(RollbackProcess.REQUESTED_BY.name(), actor)
            .setVariable(RollbackProcess.REQUEST_REASON.name(), reason == null ? "" : reason)
            .correlateWithResult();
      }
      case COMPLETED -> {
        audit.record(actor, AuditAction.ROLLBACK_REQUESTED, changeId, details);
        runtime.createMessageCorrelation(RollbackProcess.MESSAGE_ROLLBACK_REQUESTED)
            .processInstanceBusinessKey(changeId)
            .setVariable(ChangeProcess.CHANGE_ID.name(), changeId)
            .setVariable(RollbackProcess.REQUESTED_BY.name(), actor)
            .setVariable(RollbackProcess.REQUEST_REASON.name(), reason == null ? "" : reason)
            .startMessageOnly()
            .correlateWithResult();
      }
      default -> throw new ChangeConflictException(changeId + " is " + change.status() + ": "
          + (change.status().isFinal() ? "it has nothing deployed to roll back"
              : "nothing is deployed yet; cancel it instead"));
    }
    return changes.get(changeId);
  }
}
