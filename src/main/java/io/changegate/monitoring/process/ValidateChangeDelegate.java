package io.changegate.monitoring.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.monitoring.MonitoringProcess.VALIDATION_PASSED;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.monitoring.ValidationReport;
import io.changegate.monitoring.ValidationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Validate deployment": one validation round against the change's success criteria. */
@CallsOut
@CallableFromModels
@Component("validateChange")
public class ValidateChangeDelegate implements JavaDelegate {

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
