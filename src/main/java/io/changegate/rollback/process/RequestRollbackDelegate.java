package io.changegate.rollback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.rollback.RollbackProcess.REQUESTED_CHANGE;
import static io.changegate.rollback.RollbackProcess.REQUEST_REASON;

import io.changegate.change.ChangeConflictException;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.rollback.RollbackRequestService;
import io.changegate.web.InvalidRequestException;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task of {@code rollback-request} (started from the Tasklist by operations): sends
 * {@code RollbackRequested} for the change, exactly as {@code POST /api/changes/{id}/rollback} does. The
 * request carries the change id as business key like every instance of a change.
 */
@CallableFromModels
@Component("requestRollback")
public class RequestRollbackDelegate implements JavaDelegate {

  private final RollbackRequestService requests;

  public RequestRollbackDelegate(RollbackRequestService requests) {
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = REQUESTED_CHANGE.required(execution).strip();
    String reason = REQUEST_REASON.from(execution);
    String actor = Actor.current();

    try {
      requests.request(changeId, actor, reason);
    } catch (ChangeNotFoundException | ChangeConflictException refused) {
      throw new GovernanceRefusal(refused.getMessage());
    } catch (InvalidRequestException invalid) {
      throw new GovernanceRefusal(invalid.errors().stream().map(e -> "The " + e.field() + " " + e.message())
          .collect(Collectors.joining("; ")));
    }
    execution.setProcessBusinessKey(changeId);
    CHANGE_ID.set(execution, changeId);
  }
}
