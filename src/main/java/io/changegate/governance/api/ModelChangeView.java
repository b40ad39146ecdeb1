package io.changegate.governance.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.governance.ModelChange;
import io.changegate.governance.ModelChangeService;
import io.changegate.governance.ModelChangeStatus;
import io.changegate.governance.check.ElementChange;
import io.changegate.governance.check.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/model-changes/{id}}: a model change — who deployed which files (with their SHA-256 and the
 * approved versions they were compared with), what changed element by element, the findings of the checks, the
 * reviewers' decisions and its timeline on the audit chain.
 */
public record ModelChangeView(
    String id,
    ModelChangeStatus status,
    String deployedBy,
    Instant deployedAt,
    String deploymentId,
    String deploymentName,
    String processInstanceId,
    String activationDeploymentId,
    Instant updatedAt,
    List<File> files,
    List<ElementChange> changes,
    List<Finding> findings,
    List<Decision> decisions,
    List<TimelineEvent> timeline) {

  public record File(String name, String kind, List<String> keys, String sha256, Map<String, Integer> approvedVersions) {}

  public record Decision(String who, String group, String decision, String comment, Instant when) {}

  public record TimelineEvent(String event, Instant time, String actor, JsonNode details) {}

  static ModelChangeView of(ModelChangeService.Details details, List<TimelineEvent> timeline) {
    ModelChange mc = details.modelChange();
    return new ModelChangeView(mc.id(), mc.status(), mc.deployedBy(), mc.deployedAt(), mc.deploymentId(),
        mc.deploymentName(), mc.processInstanceId(), mc.activationDeploymentId(), mc.updatedAt(),
        details.files().stream().map(f -> new File(f.name(), f.kind().name(), f.keys(), f.sha256(),
            f.baseVersions())).toList(),
        details.changes(), details.findings(),
        details.decisions().stream().map(d -> new Decision(d.actor(), d.role().group(), d.decision(), d.comment(),
            d.decidedAt())).toList(),
        timeline);
  }
}
