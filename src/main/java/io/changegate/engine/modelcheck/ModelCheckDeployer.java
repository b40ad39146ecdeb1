package io.changegate.engine.modelcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * Runs the model check inside the engine's deployment command, before the BPMN, DMN and form deployers: every
 * route a model arrives by (/engine-rest, the webapps' API, the product resources at start, a redeployment) is a
 * deployment command, so none skips it. A refused deployment throws {@link ModelRefused} and the command rolls
 * back: nothing is stored. Deployments already stored (read again into the cache) are not checked again; the
 * restricted expression resolver still holds them.
 */
public class ModelCheckDeployer implements Deployer {

  private final ModelChecker checker;

  public ModelCheckDeployer(ModelChecker checker) {
    this.checker = checker;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    List<ModelProblem> problems = new ArrayList<>();
    Map<String, ResourceEntity> resources = new TreeMap<>(deployment.getResources());
    resources.forEach((name, resource) -> problems.addAll(checker.check(name, resource.getBytes())));
    if (!problems.isEmpty()) {
      throw new ModelRefused(problems);
    }
  }
}
