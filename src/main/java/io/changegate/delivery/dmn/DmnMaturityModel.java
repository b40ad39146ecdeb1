package io.changegate.delivery.dmn;

import io.changegate.delivery.DoraKey;
import io.changegate.delivery.MaturityModel;
import io.changegate.delivery.Tier;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The maturity model as the deployed decision {@code dora-tiers} holds it (latest version): the thresholds live in the
 * table only, so an organisation adopts its own model by deploying its own table (a model change). A table of
 * comparisons and literals (the product's) is read once per version and applied in Java ({@link TierTable}); any
 * other table is evaluated by the engine for each value.
 */
@Component
class DmnMaturityModel implements MaturityModel {

  static final String DECISION = "dora-tiers";

  private final DecisionService decisions;
  private final RepositoryService repository;
  private final ConcurrentMap<String, Optional<TierTable>> compiled = new ConcurrentHashMap<>();

  DmnMaturityModel(DecisionService decisions, RepositoryService repository) {
    this.decisions = decisions;
    this.repository = repository;
  }

  @Override
  public Tier tier(DoraKey key, double value) {
    DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION)
        .latestVersion().singleResult();
    if (latest != null) {
      Optional<TierTable> table = compiled.computeIfAbsent(latest.getId(),
          id -> TierTable.compile(repository.getDmnModelInstance(id), DECISION));
      if (table.isPresent()) {
        return table.get().tier(key, value);
      }
    }
    return evaluated(key, value);
  }

  private Tier evaluated(DoraKey key, double value) {
    var results = decisions.evaluateDecisionByKey(DECISION)
        .variables(Variables.createVariables().putValue("key", key.id()).putValue("value", value))
        .evaluate();
    if (results.isEmpty()) {
      return Tier.UNRATED;
    }
    DmnDecisionResultEntries result = results.getFirstResult();
    Number rank = (Number) result.get("rank");
    Number bound = (Number) result.get("nextTierBound");
    Double gap = bound == null ? null : Math.round(Math.abs(value - bound.doubleValue()) * 1000d) / 1000d;
    return new Tier((String) result.get("tier"), rank == null ? 0 : rank.intValue(), (String) result.get("nextTier"),
        bound == null ? null : bound.doubleValue(), (String) result.get("comparison"), gap,
        (String) result.get("rule"));
  }
}
