package io.changegate.risk.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.CLASSIFICATION_REASON;
import static io.changegate.risk.FmeaProcess.FMEA;
import static io.changegate.risk.FmeaProcess.REWORK_COMMENT;

import io.changegate.change.Change;
import io.changegate.engine.CallableFromModels;
import io.changegate.risk.FmeaRow;
import io.changegate.risk.FmeaService;
import io.changegate.risk.FmeaVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code fmea-review} (after {@code loadChangeForReview}): what the FMEA forms show beyond the
 * change itself. The worksheet already stored for the change (an earlier round, an upload) prefills the form's
 * list; without one the list starts empty. The classification reason comes from the change store.
 */
@CallableFromModels
@Component("loadFmeaWorksheet")
public class LoadFmeaWorksheetListener implements ExecutionListener {

  private final FmeaService fmea;
  private final FmeaVariables variables;

  public LoadFmeaWorksheetListener(FmeaService fmea, FmeaVariables variables) {
    this.fmea = fmea;
    this.variables = variables;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    Change change = fmea.change(changeId);
    List<FmeaRow> stored = fmea.worksheet(changeId);

    CLASSIFICATION_REASON.set(execution, change.classificationReason() == null ? "" : change.classificationReason());
    REWORK_COMMENT.set(execution, "");
    if (!stored.isEmpty()) {
      FMEA.set(execution, variables.worksheet(stored));
    }
  }
}
