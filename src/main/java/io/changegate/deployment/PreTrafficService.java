package io.changegate.deployment;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeRepository;
import io.changegate.change.PreTraffic;
import io.changegate.change.ReleaseSafety;
import io.changegate.change.ReleaseSafetyRepository;
import io.changegate.change.SyntheticCheck;
import io.changegate.change.Target;
import io.changegate.monitoring.CheckResult;
import io.changegate.monitoring.synthetic.SyntheticTransactions;
import io.changegate.outbound.Placeholders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Before the traffic switch: the change's pre-traffic checks (synthetic HTTP checks against the preview or canary
 * endpoint of the new version) run once every rollout is healthy; only when they all pass is each target promoted
 * through its adapter ({@link DeploymentPort#promote}). A failing check or a refused promotion rolls the change back;
 * both are on the timeline with what was measured or answered.
 */
@Service
public class PreTrafficService {

  private final ChangeRepository changes;
  private final ReleaseSafetyRepository releaseSafety;
  private final PreTrafficProperties properties;
  private final SyntheticTransactions synthetic;
  private final DeploymentAdapters adapters;
  private final AuditTrail audit;

  public PreTrafficService(ChangeRepository changes, ReleaseSafetyRepository releaseSafety,
      PreTrafficProperties properties, SyntheticTransactions synthetic, DeploymentAdapters adapters,
      AuditTrail audit) {
    this.changes = changes;
    this.releaseSafety = releaseSafety;
    this.properties = properties;
    this.synthetic = synthetic;
    this.adapters = adapters;
    this.audit = audit;
  }

  /** What the deployment needs to know of the change's release safety before it starts. */
  public record Declared(boolean preTraffic, boolean flagRollout) {}

  public Declared declared(String changeId) {
    Change change = change(changeId);
    ReleaseSafety safety = releaseSafety.of(changeId);
    return new Declared(!checksOf(change, safety.preTraffic()).isEmpty(), safety.flagRollout() != null);
  }

  /** Runs the pre-traffic checks; true when every one passed. */
  @Transactional
  public boolean check(String changeId) {
    Change change = change(changeId);
    List<SyntheticCheck> checks = checksOf(change, releaseSafety.of(changeId).preTraffic());
    List<CheckResult> results = synthetic.run(checks);
    boolean passed = !results.isEmpty() && results.stream().allMatch(CheckResult::passed);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("passed", passed);
    details.put("checks", results);
    audit.record(DeploymentService.SYSTEM, passed ? AuditAction.PRE_TRAFFIC_CHECKED : AuditAction.PRE_TRAFFIC_FAILED,
        changeId, details);
    return passed;
  }

  /** Promotes every target, in order; false (and no further target) at the first refusal. */
  @Transactional
  public boolean promote(String changeId) {
    Change change = change(changeId);
    for (Target target : change.targets()) {
      DeploymentOrder order = DeploymentService.orderFor(change, target.name(), DeploymentOrder.Kind.DEPLOY);
      String adapter = adapters.nameOf(target.adapter());
      DeploymentOutcome outcome = adapters.get(adapter).promote(order);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("target", target.name());
      details.put("adapter", adapter);
      details.put("version", order.version());
      details.put("detail", outcome.detail());
      audit.record(DeploymentService.SYSTEM, outcome.succeeded() ? AuditAction.TRAFFIC_PROMOTED
          : AuditAction.TRAFFIC_PROMOTION_REFUSED, changeId, details);
      if (!outcome.succeeded()) {
        return false;
      }
    }
    return true;
  }

  /** The change's checks; with none, a GET of its preview URL; without a block, the service's preview URL. */
  List<SyntheticCheck> checksOf(Change change, PreTraffic preTraffic) {
    if (preTraffic != null && preTraffic.checks() != null && !preTraffic.checks().isEmpty()) {
      return preTraffic.checks();
    }
    if (preTraffic != null && preTraffic.previewUrl() != null && !preTraffic.previewUrl().isBlank()) {
      return List.of(new SyntheticCheck(preTraffic.previewUrl(), "GET", 200, null, null));
    }
    PreTrafficProperties.Service service = properties.services().get(change.service());
    if (service == null || service.previewUrl() == null || service.previewUrl().isBlank()) {
      return List.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put("service", change.service());
    values.put("environment", change.environment());
    values.put("version", change.artifact() == null ? "" : change.artifact().version());
    return List.of(new SyntheticCheck(Placeholders.expand(service.previewUrl(), values), "GET", 200, null, null));
  }

  private Change change(String changeId) {
    return changes.find(changeId).orElseThrow(() -> new ChangeNotFoundException(changeId));
  }
}
