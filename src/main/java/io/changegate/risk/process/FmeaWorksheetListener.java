package io.changegate.risk.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.risk.FmeaProcess.FAILURE_MODES;
import static io.changegate.risk.FmeaProcess.FMEA;
import static io.changegate.risk.FmeaProcess.MAX_RPN;
import static io.changegate.risk.FmeaProcess.MAX_SEVERITY;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.Actor;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.risk.Figures;
import io.changegate.risk.FmeaService;
import io.changegate.risk.FmeaValidator;
import io.changegate.risk.FmeaVariables;
import io.changegate.risk.WorksheetError;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Complete listener of "Fill in the FMEA worksheet": the submitted {@code fmea} (Tasklist form, or
 * {@code /engine-rest}) is checked by the same {@link FmeaValidator} as an Excel upload. A refusal lists every
 * error and leaves the task open and nothing stored; an accepted worksheet is stored, written back with its RPNs,
 * and its figures are set for the decision table.
 */
@CallableFromModels
@Component("fmeaWorksheet")
public class FmeaWorksheetListener implements TaskListener {

  private static final int ERRORS_SHOWN = 20;

  private final FmeaValidator validator;
  private final FmeaService fmea;
  private final FmeaVariables variables;

  public FmeaWorksheetListener(FmeaValidator validator, FmeaService fmea, FmeaVariables variables) {
    this.validator = validator;
    this.fmea = fmea;
    this.variables = variables;
  }

  @Override
  public void notify(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);
    FmeaValidator.Validated worksheet = validator.fromVariable(FMEA.from(task));

    if (!worksheet.valid()) {
      throw new GovernanceRefusal("The FMEA worksheet has " + worksheet.errors().size() + " error(s): "
          + worksheet.errors().stream().limit(ERRORS_SHOWN).map(WorksheetError::toString)
          .collect(Collectors.joining("; ")));
    }
    fmea.save(changeId, worksheet.rows(), Actor.of(task), FmeaService.SOURCE_TASKLIST);

    Figures figures = Figures.of(worksheet.rows());
    FMEA.set(task, variables.worksheet(worksheet.rows()));
    FAILURE_MODES.set(task, figures.failureModes());
    MAX_SEVERITY.set(task, figures.maxSeverity());
    MAX_RPN.set(task, figures.maxRpn());
  }
}
