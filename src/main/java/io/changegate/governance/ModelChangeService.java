package io.changegate.governance;

import io.changegate.audit.AuditAction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.audit.AuditTrail;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.governance.check.CheckReport;
import io.changegate.governance.check.ElementChange;
import io.changegate.governance.check.Finding;
import io.changegate.governance.check.ModelChecks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The life of a model change: the automatic checks, the two reviews held to the four-eyes rule (facts from
 * Changegate's tables: who deployed, who decided), and the activation of the approved files. Each step is on the
 * audit chain under the model change's id.
 */
@Service
public class ModelChangeService {

  static final String SYSTEM = "changegate";
  private static final TypeReference<List<ElementChange>> CHANGES = new TypeReference<>() {};
  private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {};

  private final ModelChangeRepository modelChanges;
  private final ModelChecks checks;
  private final EngineModels models;
  private final AuditTrail audit;
  private final ObjectMapper json;
  private final Clock clock;

  public ModelChangeService(ModelChangeRepository modelChanges, ModelChecks checks, EngineModels models,
      AuditTrail audit, ObjectMapper json, Clock clock) {
    this.modelChanges = modelChanges;
    this.checks = checks;
    this.models = models;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
  }

  /** A model change with its files, element changes, findings and decisions ({@code GET /api/model-changes/{id}}). */
  public record Details(ModelChange modelChange, List<ModelChange.Resource> files, List<ElementChange> changes,
      List<Finding> findings, List<ModelChange.Decision> decisions) {}

  public Optional<Details> details(String id) {
    return modelChanges.find(id).map(mc -> new Details(mc, modelChanges.resources(id), changes(id), findings(id),
        modelChanges.decisions(id)));
  }

  public List<ModelChange> list(int limit) {
    return modelChanges.list(limit);
  }

  public ModelChange byProcessInstance(String processInstanceId) {
    return modelChanges.findByProcessInstance(processInstanceId).orElseThrow(() -> new IllegalStateException(
        "process instance " + processInstanceId + " belongs to no model change"));
  }

  // --- checks ---

  /** Runs the automatic checks and records their outcome: PASSED (to review), FAILED or UNCHANGED (ended). */
  public String check(String id) {
    ModelChange modelChange = modelChanges.lock(id).orElseThrow();
    if (modelChange.status() != ModelChangeStatus.PROPOSED) {
      return modelChange.status() == ModelChangeStatus.IN_REVIEW ? ModelChangeProcess.CHECK_PASSED
          : modelChange.status() == ModelChangeStatus.UNCHANGED ? ModelChangeProcess.CHECK_UNCHANGED
          : ModelChangeProcess.CHECK_FAILED;
    }
    List<ModelChange.Resource> files = modelChanges.resources(id);
    CheckReport report = checks.check(files, models);
    report.baseVersions().forEach((name, versions) -> modelChanges.recordBaseVersions(id, name, versions));
    ModelChangeStatus status = report.unchanged() ? ModelChangeStatus.UNCHANGED
        : report.passed() ? ModelChangeStatus.IN_REVIEW : ModelChangeStatus.CHECKS_FAILED;
    modelChanges.recordChecks(id, status, write(report.changes()), write(report.findings()), clock.instant());

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("outcome", status.name());
    details.put("changes", report.changes().size());
    details.put("errors", report.findings().stream().filter(Finding::isError).map(f -> f.rule() + " "
        + (f.element() == null ? "" : f.element() + ": ") + f.message()).limit(20).toList());
    details.put("warnings", report.findings().stream().filter(f -> f.severity() == Finding.Severity.WARNING).count());
    audit.record(SYSTEM, AuditAction.MODEL_CHANGE_CHECKED, id, details);
    return status == ModelChangeStatus.IN_REVIEW ? ModelChangeProcess.CHECK_PASSED
        : status == ModelChangeStatus.UNCHANGED ? ModelChangeProcess.CHECK_UNCHANGED : ModelChangeProcess.CHECK_FAILED;
  }

  // --- reviews ---

  /**
   * Refuses a reviewer the four-eyes rule forbids: whoever deployed the model change, a non-member of the review's
   * group, the process owner who approved it reviewing again as security, a second decision for one review.
   */
  public void checkReviewer(String processInstanceId, ReviewRole role, String actor, boolean member) {
    ModelChange modelChange = byProcessInstance(processInstanceId);
    reviewer(modelChange, role, actor, member, modelChanges.decisions(modelChange.id()));
  }

  /** Records a reviewer's decision (APPROVE or REJECT, a rejection with its comment); a rejection ends it. */
  public void decide(String processInstanceId, ReviewRole role, String actor, boolean member, String decision,
      String comment) {
    ModelChange modelChange = modelChanges.lock(byProcessInstance(processInstanceId).id()).orElseThrow();
    if (modelChange.status() != ModelChangeStatus.IN_REVIEW) {
      throw new GovernanceRefusal(modelChange.id() + " is " + modelChange.status() + ": there is nothing to decide");
    }
    reviewer(modelChange, role, actor, member, modelChanges.decisions(modelChange.id()));
    if (!"APPROVE".equals(decision) && !"REJECT".equals(decision)) {
      throw new GovernanceRefusal("Reviewing " + modelChange.id() + " needs a decision: APPROVE or REJECT "
          + "(variable 'decision')");
    }
    if ("REJECT".equals(decision) && (comment == null || comment.isBlank())) {
      throw new GovernanceRefusal("A rejection needs a comment that says why (variable 'comment')");
    }
    Instant now = clock.instant();
    modelChanges.insertDecision(modelChange.id(), new ModelChange.Decision(role, actor, decision, comment, now));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("role", role.name());
    details.put("group", role.group());
    details.put("decision", decision);
    details.put("comment", comment == null ? "" : comment);
    audit.record(actor, AuditAction.MODEL_CHANGE_DECISION, modelChange.id(), details);
    if ("REJECT".equals(decision)) {
      modelChanges.updateStatus(modelChange.id(), ModelChangeStatus.REJECTED, now);
      audit.record(actor, AuditAction.MODEL_CHANGE_REJECTED, modelChange.id(), Map.of("role", role.name(), "comment", comment));
    }
  }

  private static void reviewer(ModelChange modelChange, ReviewRole role, String actor, boolean member,
      List<ModelChange.Decision> decisions) {
    String task = role == ReviewRole.PROCESS_OWNER ? "review " : "approve ";
    if (actor == null) {
      throw new GovernanceRefusal("Nobody is signed in to " + task + modelChange.id());
    }
    if (actor.equals(modelChange.deployedBy())) {
      throw new GovernanceRefusal(actor + " deployed " + modelChange.id() + " and cannot " + task + "it: a second "
          + "person decides (four eyes)");
    }
    if (!member) {
      throw new GovernanceRefusal(actor + " is not a member of " + role.group() + " and cannot " + task
          + modelChange.id());
    }
    for (ModelChange.Decision earlier : decisions) {
      if (earlier.role() == role) {
        throw new GovernanceRefusal(modelChange.id() + " was already decided for " + role.group() + " by "
            + earlier.actor());
      }
      if (earlier.actor().equals(actor)) {
        throw new GovernanceRefusal(actor + " already decided " + modelChange.id() + " as " + earlier.role().group()
            + "; one person gives one of its approvals");
      }
    }
  }

  // --- activation ---

  /**
   * Deploys the approved files under their real keys: from now on they govern every change. OUTDATED, and nothing
   * deployed, when another version of one of its models was activated since the checks compared against it.
   */
  public String activate(String id) {
    ModelChange modelChange = modelChanges.lock(id).orElseThrow();
    if (modelChange.status() == ModelChangeStatus.ACTIVATED) {
      return ModelChangeProcess.ACTIVATED;
    }
    List<ModelChange.Decision> decisions = modelChanges.decisions(id);
    ModelChange.Decision owner = approval(decisions, ReviewRole.PROCESS_OWNER);
    ModelChange.Decision security = approval(decisions, ReviewRole.SECURITY);
    if (modelChange.status() != ModelChangeStatus.IN_REVIEW || owner == null || security == null
        || owner.actor().equals(modelChange.deployedBy()) || security.actor().equals(modelChange.deployedBy())
        || owner.actor().equals(security.actor())) {
      throw new IllegalStateException(id + " (" + modelChange.status() + ") is not approved by a second process "
          + "owner and security; it is not activated");
    }
    List<ModelChange.Resource> files = modelChanges.resources(id);
    List<String> moved = new ArrayList<>();
    for (ModelChange.Resource file : files) {
      Map<String, Integer> base = file.baseVersions() == null ? Map.of() : file.baseVersions();
      for (String key : file.keys()) {
        Integer now = models.latest(file.kind(), key).map(a -> a.version()).orElse(null);
        if (!Objects.equals(now, base.get(key))) {
          moved.add(key + " (checked against version " + base.get(key) + ", now " + now + ")");
        }
      }
    }
    Instant at = clock.instant();
    if (!moved.isEmpty()) {
      modelChanges.updateStatus(id, ModelChangeStatus.OUTDATED, at);
      audit.record(SYSTEM, AuditAction.MODEL_CHANGE_OUTDATED, id, Map.of("moved", moved));
      return ModelChangeProcess.OUTDATED;
    }
    EngineModels.Activation activation = models.activate(id, files.stream().map(ModelChange.Resource::file).toList());
    modelChanges.recordActivation(id, activation.deploymentId(), at);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("deployment", activation.deploymentId());
    details.put("proposalDeployment", modelChange.deploymentId());
    details.put("deployedBy", modelChange.deployedBy());
    details.put("approvedBy", List.of(
        Map.of("who", owner.actor(), "group", owner.role().group(), "when", owner.decidedAt().toString()),
        Map.of("who", security.actor(), "group", security.role().group(), "when", security.decidedAt().toString())));
    List<Map<String, Object>> resources = new ArrayList<>();
    for (ModelChange.Resource file : files) {
      Map<String, Object> resource = new LinkedHashMap<>();
      resource.put("name", file.name());
      resource.put("sha256", file.sha256());
      Map<String, Integer> versions = new LinkedHashMap<>();
      file.keys().forEach(key -> versions.put(key, activation.versions().get(key)));
      resource.put("versions", versions);
      resources.add(resource);
    }
    details.put("resources", resources);
    audit.record(SYSTEM, AuditAction.MODEL_ACTIVATED, id, details);
    return ModelChangeProcess.ACTIVATED;
  }

  private static ModelChange.Decision approval(List<ModelChange.Decision> decisions, ReviewRole role) {
    return decisions.stream().filter(d -> d.role() == role && "APPROVE".equals(d.decision())).findFirst()
        .orElse(null);
  }

  // --- JSON ---

  public List<ElementChange> changes(String id) {
    return read(modelChanges.changesJson(id), CHANGES);
  }

  public List<Finding> findings(String id) {
    return read(modelChanges.findingsJson(id), FINDINGS);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private <T> List<T> read(String value, TypeReference<List<T>> type) {
    if (value == null) {
      return List.of();
    }
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable JSON in changegate_model_change: " + value, e);
    }
  }
}
