package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.rollback.RollbackProcess.DRY_RUN;
import static io.changegate.rollback.RollbackProcess.REHEARSAL;
import static io.changegate.rollback.RollbackProcess.ROLLBACK_POLL_INTERVAL;
import static io.changegate.rollback.RollbackProcess.ROLLBACK_TARGET_COUNT;
import static io.changegate.rollback.RollbackProcess.STATEFUL_COUNT;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.rollback.EvidenceService;
import io.changegate.rollback.RollbackPlan;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Preserve forensic evidence": the evidence bundle, before anything is rolled back. */
@CallsOut
@CallableFromModels
@Component("preserveEvidence")
public class PreserveEvidenceDelegate implements JavaDelegate {

  private final EvidenceService evidence;

  public PreserveEvidenceDelegate(EvidenceService evidence) {
    this.evidence = evidence;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    RollbackPlan plan = evidence.preserveEvidence(changeId, execution.getProcessInstanceId());

    ROLLBACK_TARGET_COUNT.set(execution, plan.targetCount());
    DRY_RUN.set(execution, plan.dryRun());
    ROLLBACK_POLL_INTERVAL.set(execution, plan.rolloutPollInterval());
    REHEARSAL.set(execution, plan.rehearsal());
    STATEFUL_COUNT.set(execution, plan.statefulCount());
  }
}
