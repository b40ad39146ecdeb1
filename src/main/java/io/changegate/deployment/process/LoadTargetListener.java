package io.changegate.deployment.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.MIGRATION_DECLARED;
import static io.changegate.deployment.DeploymentProcess.TARGET_INDEX;
import static io.changegate.deployment.DeploymentProcess.TARGET_NAME;

import io.changegate.deployment.DeploymentService;
import io.changegate.deployment.TargetStep;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of "Deploy each target": names the target of this instance (shown in Cockpit) and tells the
 * instance's first gateway whether the target declares a database migration.
 */
@CallableFromModels
@Component("loadTarget")
public class LoadTargetListener implements ExecutionListener {

  private final DeploymentService deployments;

  public LoadTargetListener(DeploymentService deployments) {
    this.deployments = deployments;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    int index = TARGET_INDEX.required(execution);

    TargetStep target = deployments.target(changeId, index);

    TARGET_NAME.setLocal(execution, target.name());
    MIGRATION_DECLARED.setLocal(execution, target.migrationDeclared());
  }
}
