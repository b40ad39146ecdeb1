package io.changegate.deployment;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.engine.CallsOut;
import io.changegate.engine.ProcessVariable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Deploy targets": deploys every target of the change through its adapter. */
@CallsOut
@Component("deployChange")
public class DeployChangeDelegate implements JavaDelegate {

  public static final ProcessVariable<Boolean> DEPLOYED = ProcessVariable.of("deployed", Boolean.class);

  private final DeploymentService deployments;

  public DeployChangeDelegate(DeploymentService deployments) {
    this.deployments = deployments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    boolean deployed = deployments.deployChange(changeId);

    DEPLOYED.set(execution, deployed);
  }
}
