package io.changegate.governance;

import io.changegate.engine.SystemDeployments;
import io.changegate.governance.check.ApprovedModels;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.springframework.stereotype.Component;

/**
 * The engine's side of governed models: the approved version of a key (the latest definition under it, with the
 * file it was deployed from) and the activation of an approved model change (its files, unchanged, deployed under
 * their real keys as a system deployment).
 */
@Component
public class EngineModels implements ApprovedModels {

  private final ProcessEngine engine;
  private final SystemDeployments system;

  public EngineModels(ProcessEngine engine, SystemDeployments system) {
    this.engine = engine;
    this.system = system;
  }

  @Override
  public Optional<Approved> latest(ModelKind kind, String key) {
    return Optional.ofNullable(configuration().getCommandExecutorTxRequired().execute(context ->
        context.runWithoutAuthorization(() -> {
          ResourceDefinition definition = switch (kind) {
            case BPMN -> context.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key);
            case DMN -> context.getDecisionDefinitionManager().findLatestDecisionDefinitionByKey(key);
            case FORM -> context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key);
            case CMMN -> null;
          };
          return definition == null ? null : approved(context, kind, definition);
        })));
  }

  /** Deploys the files as they were proposed, under their real keys; answers the new version of each key. */
  public Activation activate(String modelChangeId, List<ModelFile> files) {
    DeploymentWithDefinitions deployment = system.run("activation of " + modelChangeId, () -> {
      DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
          .name(modelChangeId)
          .source(ModelChangeProcess.ACTIVATION_SOURCE);
      for (ModelFile file : files) {
        builder.addInputStream(file.name(), new ByteArrayInputStream(file.content()));
      }
      return builder.deployWithResult();
    });
    // the new definitions are not flushed yet: their versions come from the deployment itself
    Map<String, Integer> versions = new LinkedHashMap<>();
    List<ResourceDefinition> deployed = new ArrayList<>();
    if (deployment.getDeployedProcessDefinitions() != null) {
      deployed.addAll(deployment.getDeployedProcessDefinitions());
    }
    if (deployment.getDeployedDecisionDefinitions() != null) {
      deployed.addAll(deployment.getDeployedDecisionDefinitions());
    }
    if (deployment instanceof DeploymentEntity entity
        && entity.getDeployedArtifacts(CamundaFormDefinitionEntity.class) != null) {
      deployed.addAll(entity.getDeployedArtifacts(CamundaFormDefinitionEntity.class));
    }
    deployed.forEach(definition -> versions.put(definition.getKey(), definition.getVersion()));
    return new Activation(deployment.getId(), versions);
  }

  /** An activation: the deployment and the version each key now has. */
  public record Activation(String deploymentId, Map<String, Integer> versions) {}

  private static Approved approved(CommandContext context, ModelKind kind, ResourceDefinition definition) {
    ResourceEntity resource = context.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
    byte[] content = resource == null ? new byte[0] : resource.getBytes();
    return new Approved(kind, definition.getKey(), definition.getVersion(), definition.getId(),
        definition.getResourceName(), content, ModelFile.sha256(content));
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }
}
