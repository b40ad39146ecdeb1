package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.rollback.RollbackProcess.REHEARSAL_VERDICT;
import static io.changegate.rollback.RollbackProcess.ROLLBACK_REHEARSAL;

import io.changegate.engine.CallableFromModels;
import io.changegate.rollback.rehearsal.RehearsalService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Check rollback rehearsal" of normal-change, before the sign-offs: {@code rehearsalVerdict}
 * (NOT_NEEDED, REHEARSED, MISSING, from Changegate's tables) and what the forms show ({@code rollbackRehearsal}).
 */
@CallableFromModels
@Component("checkRollbackRehearsal")
public class CheckRollbackRehearsalDelegate implements JavaDelegate {

  private final RehearsalService rehearsals;

  public CheckRollbackRehearsalDelegate(RehearsalService rehearsals) {
    this.rehearsals = rehearsals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    RehearsalService.Verdict verdict = rehearsals.check(changeId);

    REHEARSAL_VERDICT.set(execution, verdict.name());
    ROLLBACK_REHEARSAL.set(execution, rehearsals.describe(changeId));
  }
}
