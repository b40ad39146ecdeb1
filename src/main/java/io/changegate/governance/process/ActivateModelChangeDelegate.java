package io.changegate.governance.process;

import io.changegate.engine.CallableFromModels;
import static io.changegate.governance.ModelChangeProcess.ACTIVATION;
import static io.changegate.governance.ModelChangeProcess.MODEL_CHANGE_ID;

import io.changegate.governance.ModelChangeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Activate the new versions": deploys the approved files under their real keys; sets {@code activation}. */
@CallableFromModels
@Component("activateModelChange")
public class ActivateModelChangeDelegate implements JavaDelegate {

  private final ModelChangeService modelChanges;

  public ActivateModelChangeDelegate(ModelChangeService modelChanges) {
    this.modelChanges = modelChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = MODEL_CHANGE_ID.required(execution);

    String outcome = modelChanges.activate(id);

    ACTIVATION.set(execution, outcome);
  }
}
