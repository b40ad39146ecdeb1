package io.changegate.governance;

import io.changegate.engine.Actor;
import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.engine.SystemDeployments;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.stereotype.Component;

/**
 * Pre-deployer: every deployment that is not Changegate's own ({@link SystemDeployments}) and carries BPMN, DMN
 * or forms is a proposal — from {@code /engine-rest}, the webapps or code alike. Its files are kept as deployed
 * (with their SHA-256) in {@code changegate_model_change_resource}, and the engine deploys them under proposal
 * keys ({@link ProposalKeys}), so the approved version stays {@code latest} of each real key. Runs inside the
 * deployment's transaction: a refused file refuses the whole deployment (400) and nothing is stored.
 */
@Component
public class ProposalDeployer implements Deployer {

  /** The largest file Changegate keeps (characters); Camunda's models are far smaller. */
  static final int MAX_CONTENT = 1_000_000;

  private final SystemDeployments system;
  private final ModelChangeRepository modelChanges;
  private final AuditTrail audit;
  private final Clock clock;

  public ProposalDeployer(SystemDeployments system, ModelChangeRepository modelChanges, AuditTrail audit, Clock clock) {
    this.system = system;
    this.modelChanges = modelChanges;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew() || system.active()) {
      return;
    }
    List<ResourceEntity> governed = deployment.getResources().values().stream()
        .filter(resource -> ModelKind.of(resource.getName()) != null)
        .sorted(Comparator.comparing(ResourceEntity::getName))
        .toList();
    if (governed.isEmpty()) {
      return;
    }
    String deployedBy = Actor.authenticated().orElse(null);
    if (deployedBy == null) {
      throw new InvalidModelException("A governance model is deployed by a signed-in process owner (or by "
          + "Changegate itself); this deployment has no user");
    }
    String id = modelChanges.nextId();
    List<ModelChange.Resource> files = new ArrayList<>();
    for (ResourceEntity resource : governed) {
      ModelFile file = ModelFile.of(resource.getName(), resource.getBytes());
      if (file.kind() == ModelKind.CMMN) {
        throw new InvalidModelException(file.name() + ": CMMN is not a governance model of Changegate; deploy "
            + "BPMN, DMN and Camunda Forms");
      }
      String text = file.text();
      if (text.length() > MAX_CONTENT) {
        throw new InvalidModelException(file.name() + " has " + text.length() + " characters, more than "
            + MAX_CONTENT);
      }
      List<String> keys = file.keys();
      for (String key : keys) {
        if (key.matches(".*\\.MC-\\d+$")) {
          throw new InvalidModelException(file.name() + ": '" + key + "' is a proposal key; deploy the model "
              + "under its own key");
        }
      }
      resource.setBytes(ProposalKeys.rewrite(file, id));
      files.add(new ModelChange.Resource(file.name(), file.kind(), keys, file.sha256(), text, null));
    }
    Instant now = clock.instant();
    modelChanges.insert(new ModelChange(id, deployment.getId(), deployment.getName(), deployedBy, now, null,
        ModelChangeStatus.PROPOSED, null, now), files);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("deployment", deployment.getId());
    details.put("deploymentName", deployment.getName() == null ? "" : deployment.getName());
    details.put("files", files.stream().map(f -> Map.of("name", f.name(), "kind", f.kind().name(),
        "keys", f.keys(), "sha256", f.sha256())).toList());
    audit.record(deployedBy, AuditAction.MODEL_CHANGE_PROPOSED, id, details);
  }
}
