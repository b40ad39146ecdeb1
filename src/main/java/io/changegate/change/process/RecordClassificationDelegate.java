package io.changegate.change.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.CHANGE_TYPE;
import static io.changegate.change.ChangeProcess.CLASSIFICATION_REASON;

import io.changegate.change.ChangeService;
import io.changegate.change.ChangeType;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record classification": stores the decision's type and reason on the change. */
@CallableFromModels
@Component("recordClassification")
public class RecordClassificationDelegate implements JavaDelegate {

  private final ChangeService changes;

  public RecordClassificationDelegate(ChangeService changes) {
    this.changes = changes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    ChangeType type = ChangeType.valueOf(CHANGE_TYPE.required(execution));
    String reason = CLASSIFICATION_REASON.required(execution);

    changes.recordClassification(changeId, type, reason);
  }
}
