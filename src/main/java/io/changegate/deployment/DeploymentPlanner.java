package io.changegate.deployment;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditEntry;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeRepository;
import io.changegate.change.ChangeType;
import io.changegate.change.EnvironmentCatalog;
import io.changegate.change.EnvironmentFacts;
import io.changegate.change.InfrastructurePlans;
import io.changegate.change.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans a change's deployment: its infrastructure plan still the approved one ({@link InfrastructurePlans}), the
 * promotion path ({@link PromotionPolicy}) and its targets. The promotion path of an emergency gives way to the ECAB's
 * override, read from the change's own audit chain ({@code PROMOTION_OVERRIDDEN}, recorded when the ECAB approved),
 * never from a process variable.
 */
@Service
public class DeploymentPlanner {

  private final ChangeRepository changes;
  private final PromotionPolicy promotion;
  private final AuditTrail audit;
  private final InfrastructurePlans plans;
  private final EnvironmentCatalog environments;

  public DeploymentPlanner(ChangeRepository changes, PromotionPolicy promotion, AuditTrail audit,
      InfrastructurePlans plans, EnvironmentCatalog environments) {
    this.changes = changes;
    this.promotion = promotion;
    this.audit = audit;
    this.plans = plans;
    this.environments = environments;
  }

  /** Checks the promotion path and plans the targets. A refusal is recorded with its reason. */
  @Transactional
  public DeploymentPlan plan(String changeId) {
    Change change = changes.find(changeId).orElseThrow(() -> new ChangeNotFoundException(changeId));
    Optional<String> adapterRefusal = adapterRefusal(change);
    Optional<String> planRefusal = adapterRefusal.isPresent() ? adapterRefusal : plans.refusal(changeId);
    Optional<String> promotionRefusal = planRefusal.isPresent() ? Optional.empty() : promotion.refusal(change);
    Optional<AuditEntry> override = promotionRefusal.isPresent() ? override(change) : Optional.empty();
    Optional<String> refusal = planRefusal.isPresent() ? planRefusal
        : override.isPresent() ? Optional.empty() : promotionRefusal;
    boolean independent = change.targets().size() > 1 && change.targets().stream().allMatch(Target::isIndependent);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("environment", change.environment());
    details.put("digest", change.artifact() == null ? null : change.artifact().digest());
    if (refusal.isPresent()) {
      details.put("reason", refusal.get());
      audit.record(DeploymentService.SYSTEM, adapterRefusal.isPresent() ? AuditAction.ADAPTER_NOT_ALLOWED
          : planRefusal.isPresent() ? AuditAction.INFRASTRUCTURE_PLAN_REFUSED : AuditAction.PROMOTION_REFUSED,
          changeId, details);
    } else {
      promotion.evidence(change).ifPresent(id -> details.put("validatedBy", id));
      override.ifPresent(o -> {
        details.put("promotionOverriddenBy", o.actor());
        details.put("promotionRefusalOverridden", promotionRefusal.get());
      });
      details.put("targets", change.targets().stream().map(Target::name).toList());
      details.put("rollouts", independent ? "in parallel (targets independent)" : "one after the other");
      audit.record(DeploymentService.SYSTEM, AuditAction.DEPLOYMENT_PLANNED, changeId, details);
    }
    return new DeploymentPlan(refusal.isEmpty(), refusal.orElse(null), change.targets().size(), independent);
  }

  /** The ECAB's override of the promotion order, on the audit chain of an emergency change only. */
  private Optional<AuditEntry> override(Change change) {
    if (change.type() != ChangeType.EMERGENCY) {
      return Optional.empty();
    }
    return audit.entriesOf(change.id()).stream()
        .filter(entry -> AuditAction.PROMOTION_OVERRIDDEN.name().equals(entry.action())).reduce((a, b) -> b);
  }

  /**
   * An adapter the environment no longer allows (its owner changed the catalog after the change was accepted), or an
   * environment the catalog no longer has: nothing is deployed.
   */
  private Optional<String> adapterRefusal(Change change) {
    Optional<EnvironmentFacts> environment = environments.find(change.environment());
    if (environment.isEmpty()) {
      return Optional.of("The environment catalog has no environment '" + change.environment() + "'");
    }
    for (Target target : change.targets()) {
      for (String adapter : target.migration() == null ? List.of(target.adapter())
          : List.of(target.migration().adapter(), target.adapter())) {
        if (!environment.get().allowedAdapters().contains(adapter)) {
          return Optional.of("Adapter '" + adapter + "' of " + target.name() + " is not allowed in "
              + change.environment() + " (allowed now: " + String.join(", ", environment.get().allowedAdapters())
              + ")");
        }
      }
    }
    return Optional.empty();
  }
}
