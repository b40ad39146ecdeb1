package io.changegate.governance.process;

import io.changegate.engine.CallableFromModels;
import static io.changegate.governance.ModelChangeProcess.MODEL_CHANGE_ID;
import static io.changegate.governance.ModelChangeProcess.MODEL_CHECK;

import io.changegate.governance.ModelChangeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check the proposed models": diff, lint, approval paths, sign-off coverage; sets {@code modelCheck}. */
@CallableFromModels
@Component("checkModelChange")
public class CheckModelChangeDelegate implements JavaDelegate {

  private final ModelChangeService modelChanges;

  public CheckModelChangeDelegate(ModelChangeService modelChanges) {
    this.modelChanges = modelChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = MODEL_CHANGE_ID.required(execution);

    String outcome = modelChanges.check(id);

    MODEL_CHECK.set(execution, outcome);
  }
}
