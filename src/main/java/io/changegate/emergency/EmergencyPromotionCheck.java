package io.changegate.emergency;

import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.deployment.PromotionPolicy;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The promotion check an emergency change will meet when it deploys, said before anyone decides: the ECAB form shows
 * it, so nobody approves a change that the deployment then refuses in the same second ({@code PROMOTION_REFUSED}).
 */
@Service
public class EmergencyPromotionCheck {

  private final ChangeService changes;
  private final PromotionPolicy promotion;

  public EmergencyPromotionCheck(ChangeService changes, PromotionPolicy promotion) {
    this.changes = changes;
    this.promotion = promotion;
  }

  /** One paragraph for the ECAB: passes (with the evidence) or will be refused (why, and what to do). */
  public String describe(String changeId) {
    Change change = changes.get(changeId);
    Optional<String> refusal = promotion.refusal(change);
    if (refusal.isPresent()) {
      return "WILL BE REFUSED: " + refusal.get() + ". Approving does not deploy it: the deployment stops with"
          + " PROMOTION_REFUSED and the change FAILS. Reject it and ask for a change that deploys this digest to the"
          + " environment before first.";
    }
    return promotion.evidence(change)
        .map(validatedBy -> "Passes: this digest was deployed and validated before by " + validatedBy + ".")
        .orElse("Passes: " + change.environment() + " takes any digest (first in the promotion order or not in it).");
  }
}
