package io.changegate.delivery.dmn;

import io.changegate.delivery.DoraKey;
import io.changegate.delivery.MaturityModel;
import io.changegate.delivery.Tier;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The maturity model as the deployed decision {@code dora-tiers} holds it (latest version): the thresholds live in the
 * table only, so an organisation adopts its own model by deploying its own table (a model change).
 */
@Component
class DmnMaturityModel implements MaturityModel {

  static final String DECISION = "dora-tiers";

  private final DecisionService decisions;

  DmnMaturityModel(DecisionService decisions) {
    this.decisions = decisions;
  }

  @Override
  public Tier tier(DoraKey key, double value) {
    var results = decisions.evaluateDecisionByKey(DECISION)
        .variables(Variables.createVariables().putValue("key", key.id()).putValue("value", value))
        .evaluate();
    if (results.isEmpty()) {
      return Tier.UNRATED;
    }
    DmnDecisionResultEntries result = results.getFirstResult();
    String tier = (String) result.get("tier");
    Number rank = (Number) result.get("rank");
    String next = (String) result.get("nextTier");
    Number bound = (Number) result.get("nextTierBound");
    String comparison = (String) result.get("comparison");
    Double gap = bound == null ? null : Math.round(Math.abs(value - bound.doubleValue()) * 1000d) / 1000d;
    return new Tier(tier, rank == null ? 0 : rank.intValue(), next, bound == null ? null : bound.doubleValue(),
        comparison, gap, (String) result.get("rule"));
  }
}
