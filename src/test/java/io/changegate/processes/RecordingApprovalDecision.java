package io.changegate.processes;

import static io.changegate.change.ChangeProcess.DECISION;

import io.changegate.approval.ApprovalService;
import io.changegate.approval.TaskRecords;
import io.changegate.approval.process.ApprovalDecisionListener;
import io.changegate.audit.AuditTrail;
import io.changegate.change.ChangeService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.mockito.Mockito;

/**
 * The {@code approvalDecision} bean of the diagrams ({@code ${approvalDecision.check(task, 'APPROVE,REJECT')}}):
 * records every call, then runs the real {@link ApprovalDecisionListener} over a mocked {@link AuditTrail},
 * so a decision the step does not offer, or a rejection without a comment, is refused as in production.
 */
public final class RecordingApprovalDecision {

  /** One completion attempt: which task, which decisions it offered, what was decided. */
  public record Call(String taskDefinitionKey, String allowed, String decision) {}

  private final AuditTrail audit = Mockito.mock(AuditTrail.class);
  private final ApprovalDecisionListener listener = new ApprovalDecisionListener(new ApprovalService(
      Mockito.mock(ChangeService.class), Mockito.mock(TaskRecords.class), audit,
      Mockito.mock(io.changegate.supplychain.ScanGate.class), Mockito.mock(io.changegate.change.EnvironmentCatalog.class),
      new io.changegate.security.ServiceAccountOwners(null),
      Mockito.mock(io.changegate.calendar.ServiceDependencyService.class)));
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  public void reset(DelegateTask task) {
    listener.reset(task);
  }

  public void check(DelegateTask task, String allowed) {
    calls.add(new Call(task.getTaskDefinitionKey(), allowed, DECISION.from(task)));
    listener.check(task, allowed);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The audit trail the real listener records accepted decisions in. */
  public AuditTrail auditTrail() {
    return audit;
  }
}
