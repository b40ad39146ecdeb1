package io.changegate.monitoring;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.engine.ProcessVariable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Validate deployment": one validation round against the change's success criteria. */
@CallsOut
@CallableFromModels
@Component("validateChange")
public class ValidateChangeDelegate implements JavaDelegate {

  public static final ProcessVariable<Boolean> VALIDATION_PASSED =
      ProcessVariable.of("validationPassed", Boolean.class);

  private final ValidationService validation;

  public ValidateChangeDelegate(ValidationService validation) {
    this.validation = validation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    ValidationReport report = validation.validateChange(changeId);

    VALIDATION_PASSED.set(execution, report.passed());
  }
}
