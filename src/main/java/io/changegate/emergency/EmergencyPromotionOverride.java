package io.changegate.emergency;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeType;
import io.changegate.deployment.PromotionPolicy;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.security.Groups;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ECAB's override of the promotion order for an emergency: recorded as {@code PROMOTION_OVERRIDDEN} on the
 * change's audit chain (who and why), in the transaction that completes the ECAB approval, and only for an APPROVE by
 * an ECAB member of an emergency change, with a reason. The deployment reads that entry ({@code DeploymentPlanner}),
 * never a process variable; a refusal here leaves the task open and nothing recorded.
 */
@Service
public class EmergencyPromotionOverride {

  private final ChangeService changes;
  private final PromotionPolicy promotion;
  private final AuditTrail audit;

  public EmergencyPromotionOverride(ChangeService changes, PromotionPolicy promotion, AuditTrail audit) {
    this.changes = changes;
    this.promotion = promotion;
    this.audit = audit;
  }

  /**
   * Records the override; {@code decision} is the completing call's decision, {@code actorGroups} the groups the
   * engine knows the actor in (segregation of duties has already admitted the actor to the task).
   */
  @Transactional
  public void record(String changeId, String actor, String decision, String reason, Collection<String> actorGroups) {
    Change change = changes.get(changeId);
    if (change.type() != ChangeType.EMERGENCY) {
      throw new GovernanceRefusal("Only an emergency change may override the promotion order; " + changeId + " is "
          + change.type());
    }
    if (!"APPROVE".equals(decision)) {
      throw new GovernanceRefusal("An override of the promotion order goes only with APPROVE (variable 'decision')");
    }
    if (reason == null || reason.isBlank()) {
      throw new GovernanceRefusal("An override of the promotion order needs a reason that says why"
          + " (variable 'promotionOverrideReason')");
    }
    if (!actorGroups.contains(Groups.ECAB)) {
      throw new GovernanceRefusal("Only an ECAB member may override the promotion order: " + actor + " is not one");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("environment", change.environment());
    details.put("digest", change.artifact() == null ? null : change.artifact().digest());
    details.put("reason", reason.strip());
    details.put("promotionCheck", promotion.refusal(change).orElse("passes without the override"));
    audit.record(actor, AuditAction.PROMOTION_OVERRIDDEN, changeId, details);
  }
}
