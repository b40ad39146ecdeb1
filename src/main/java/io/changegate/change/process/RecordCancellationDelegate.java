package io.changegate.change.process;

import static io.changegate.change.ChangeProcess.CANCELLED_BY;
import static io.changegate.change.ChangeProcess.CANCEL_REASON;
import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.engine.CallableFromModels;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record cancellation": the change is CANCELLED, by whom and why. */
@CallableFromModels
@Component("recordCancellation")
public class RecordCancellationDelegate implements JavaDelegate {

  private final ChangeService changes;

  public RecordCancellationDelegate(ChangeService changes) {
    this.changes = changes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    String cancelledBy = CANCELLED_BY.required(execution);
    String reason = CANCEL_REASON.from(execution);

    changes.transition(changeId, ChangeStatus.CANCELLED, cancelledBy,
        Map.of("reason", reason == null ? "" : reason, "step", "cancelled while running"));
  }
}
