package io.changegate.rollback;

import io.changegate.change.Change;
import io.changegate.deployment.DeploymentAdapters;
import io.changegate.deployment.DeploymentProperties;
import io.changegate.deployment.SlotLimits;
import io.changegate.deployment.DeploymentRecords;
import io.changegate.deployment.StoredCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a change deployed, as its rollback sees it: the calls made to deployment systems, the targets to roll back
 * (last deployed first) with their migrations, each target's history as its system reports it, and the settings
 * that governed the calls.
 */
@Component
public class DeployedTargets {

  private final DeploymentRecords records;
  private final DeploymentAdapters adapters;
  private final DeploymentProperties settings;
  private final SlotLimits limits;

  public DeployedTargets(DeploymentRecords records, DeploymentAdapters adapters, DeploymentProperties settings,
      SlotLimits limits) {
    this.records = records;
    this.adapters = adapters;
    this.settings = settings;
    this.limits = limits;
  }

  /** Every call of the change, in the order they were made. */
  public List<StoredCall> calls(String changeId) {
    return records.callsOf(changeId);
  }

  /** The deploy calls that changed a target (or may have: a crash left them CALLING), last deployed first. */
  public List<StoredCall> toRollBack(String changeId) {
    List<StoredCall> deployed = new ArrayList<>(records.callsOf(changeId).stream()
        .filter(c -> DeploymentRecords.KIND_DEPLOY.equals(c.kind()) && c.changedTheTarget()).toList());
    deployed.sort(Comparator.comparingInt(StoredCall::targetIndex).reversed());
    return deployed;
  }

  /** The {@code index}-th target to roll back. */
  public StoredCall toRollBack(String changeId, int index) {
    return toRollBack(changeId).get(index);
  }

  /** The migration that changed the target {@code targetIndex} of the change, if any. */
  public Optional<StoredCall> migrationOf(String changeId, int targetIndex) {
    return records.callsOf(changeId).stream()
        .filter(c -> DeploymentRecords.KIND_MIGRATION.equals(c.kind()) && c.targetIndex() == targetIndex
            && c.changedTheTarget())
        .findFirst();
  }

  /** The rollback ahead: how many targets, whether a dry run, how often their rollouts are looked at. */
  public RollbackPlan planOf(Change change) {
    return new RollbackPlan(toRollBack(change.id()).size(), change.dryRun(), settings.rolloutPollInterval().toString());
  }

  /** The deployment history of each target of {@code calls}, as its deployment system reports it (by target). */
  public Map<String, String> histories(List<StoredCall> calls) {
    Map<String, String> histories = new LinkedHashMap<>();
    for (StoredCall call : calls) {
      if (DeploymentRecords.KIND_DEPLOY.equals(call.kind()) || DeploymentRecords.KIND_MIGRATION.equals(call.kind())) {
        histories.computeIfAbsent(call.target(),
            target -> adapters.get(call.adapter()).history(target, call.environment()));
      }
    }
    return histories;
  }

  /** The settings that governed the change's calls: limits, timeout, each adapter's (no credentials). */
  public Map<String, Object> configuration(Change change, List<StoredCall> calls) {
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("environmentLimit", limits.limitOf(change.environment()));
    configuration.put("rolloutTimeout", settings.rolloutTimeout().toString());
    configuration.put("adapters", calls.stream().map(StoredCall::adapter).distinct()
        .map(a -> adapters.get(a).settings()).toList());
    return configuration;
  }
}
