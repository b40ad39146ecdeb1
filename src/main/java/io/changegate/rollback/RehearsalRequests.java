package io.changegate.rollback;

import io.changegate.change.Change;
import io.changegate.change.Reason;
import io.changegate.rollback.rehearsal.RehearsalService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asks for a rollback rehearsal: the change is marked as rehearsed ({@link RehearsalService#request}, which refuses
 * what cannot be rehearsed) and rolled back ({@link RollbackRequestService}), in one transaction.
 */
@Service
public class RehearsalRequests {

  private final RehearsalService rehearsals;
  private final RollbackRequestService rollbacks;

  public RehearsalRequests(RehearsalService rehearsals, RollbackRequestService rollbacks) {
    this.rehearsals = rehearsals;
    this.rollbacks = rollbacks;
  }

  @Transactional
  public Change rehearse(String changeId, String actor, String reason) {
    Reason.checked(reason);
    rehearsals.request(changeId, actor, reason);
    return rollbacks.requestRehearsal(changeId, actor, reason);
  }
}
