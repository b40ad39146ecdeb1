package io.changegate.governance;

import io.changegate.engine.SystemDeployments;
import java.util.List;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Post-deployer of a proposal ({@link ProposalDeployer}): its process definitions are suspended (no start event,
 * timer, message or signal starts them) and a {@code model-change} process starts for it, in the deployment's
 * transaction: a proposal never exists without its model change.
 */
@Component
public class ModelChangeStarter implements Deployer {

  private final SystemDeployments system;
  private final ModelChangeRepository modelChanges;

  public ModelChangeStarter(SystemDeployments system, ModelChangeRepository modelChanges) {
    this.system = system;
    this.modelChanges = modelChanges;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew() || system.active()) {
      return;
    }
    ModelChange change = modelChanges.findByDeployment(deployment.getId()).orElse(null);
    if (change == null) {
      return;
    }
    List<ProcessDefinitionEntity> proposed = deployment.getDeployedArtifacts(ProcessDefinitionEntity.class);
    for (ProcessDefinitionEntity definition : proposed == null ? List.<ProcessDefinitionEntity>of() : proposed) {
      definition.setSuspensionState(SuspensionState.SUSPENDED.getStateCode());
    }
    ProcessInstance instance = Context.getProcessEngineConfiguration().getRuntimeService()
        .createProcessInstanceByKey(ModelChangeProcess.MODEL_CHANGE)
        .businessKey(change.id())
        .setVariable(ModelChangeProcess.MODEL_CHANGE_ID.name(), change.id())
        .execute();
    modelChanges.attachProcessInstance(change.id(), instance.getId());
  }
}
