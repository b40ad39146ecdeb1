package io.changegate.deployment;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeRepository;
import io.changegate.change.InfrastructurePlans;
import io.changegate.change.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans a change's deployment: its infrastructure plan still the approved one ({@link InfrastructurePlans}), the
 * promotion path ({@link PromotionPolicy}) and its targets.
 */
@Service
public class DeploymentPlanner {

  private final ChangeRepository changes;
  private final PromotionPolicy promotion;
  private final DeploymentProperties properties;
  private final AuditTrail audit;
  private final InfrastructurePlans plans;

  public DeploymentPlanner(ChangeRepository changes, PromotionPolicy promotion, DeploymentProperties properties,
      AuditTrail audit, InfrastructurePlans plans) {
    this.changes = changes;
    this.promotion = promotion;
    this.properties = properties;
    this.audit = audit;
    this.plans = plans;
  }

  /** Checks the promotion path and plans the targets. A refusal is recorded with its reason. */
  @Transactional
  public DeploymentPlan plan(String changeId) {
    Change change = changes.find(changeId).orElseThrow(() -> new ChangeNotFoundException(changeId));
    Optional<String> planRefusal = plans.refusal(changeId);
    Optional<String> refusal = planRefusal.isPresent() ? planRefusal : promotion.refusal(change);
    boolean independent = change.targets().size() > 1 && change.targets().stream().allMatch(Target::isIndependent);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("environment", change.environment());
    details.put("digest", change.artifact() == null ? null : change.artifact().digest());
    if (refusal.isPresent()) {
      details.put("reason", refusal.get());
      audit.record(DeploymentService.SYSTEM, planRefusal.isPresent() ? AuditAction.INFRASTRUCTURE_PLAN_REFUSED
          : AuditAction.PROMOTION_REFUSED, changeId, details);
    } else {
      promotion.evidence(change).ifPresent(id -> details.put("validatedBy", id));
      details.put("targets", change.targets().stream().map(Target::name).toList());
      details.put("rollouts", independent ? "in parallel (targets independent)" : "one after the other");
      audit.record(DeploymentService.SYSTEM, AuditAction.DEPLOYMENT_PLANNED, changeId, details);
    }
    return new DeploymentPlan(refusal.isEmpty(), refusal.orElse(null), change.targets().size(), independent,
        change.environment(), properties.rolloutPollInterval().toString(), properties.slotPollInterval().toString());
  }
}
