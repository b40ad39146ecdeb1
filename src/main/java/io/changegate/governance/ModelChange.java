package io.changegate.governance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A proposed new version of governance models, from the process owner's deployment to its activation. */
public record ModelChange(
    String id,
    String deploymentId,
    String deploymentName,
    String deployedBy,
    Instant deployedAt,
    String processInstanceId,
    ModelChangeStatus status,
    String activationDeploymentId,
    Instant updatedAt) {

  /** A file of the proposal as deployed; {@code baseVersions}: the approved version of each key it was checked against. */
  public record Resource(String name, ModelKind kind, List<String> keys, String sha256, String content,
      Map<String, Integer> baseVersions) {

    public ModelFile file() {
      return new ModelFile(name, kind, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** A reviewer's decision. */
  public record Decision(ReviewRole role, String actor, String decision, String comment, Instant decidedAt) {}
}
