package io.changegate.featureflag;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeRepository;
import io.changegate.change.FlagRollout;
import io.changegate.change.FlagStage;
import io.changegate.change.ReleaseSafetyRepository;
import io.changegate.deployment.DeploymentProperties;
import io.changegate.monitoring.CheckResult;
import io.changegate.monitoring.ValidationReport;
import io.changegate.monitoring.ValidationService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The phased enablement of a change's feature flag, stage by stage: set the percentage through the flag provider
 * ({@code FLAG_STAGE_SET}), validate it with the change's validation (the same rounds as after the deployment, every
 * {@code changegate.deployment.validation-interval} for the stage's validation minutes), hold it, go on. A refused
 * setting or a failing round is {@code FLAG_STAGE_FAILED}; switching the flag off before the rollback is
 * {@code FLAG_SWITCHED_OFF}.
 */
@Service
public class FlagRolloutService {

  static final String SYSTEM = "changegate";

  private final ChangeRepository changes;
  private final ReleaseSafetyRepository releaseSafety;
  private final FlagAdapters adapters;
  private final ValidationService validation;
  private final DeploymentProperties deployment;
  private final AuditTrail audit;
  private final Clock clock;

  public FlagRolloutService(ChangeRepository changes, ReleaseSafetyRepository releaseSafety, FlagAdapters adapters,
      ValidationService validation, DeploymentProperties deployment, AuditTrail audit, Clock clock) {
    this.changes = changes;
    this.releaseSafety = releaseSafety;
    this.adapters = adapters;
    this.validation = validation;
    this.deployment = deployment;
    this.audit = audit;
    this.clock = clock;
  }

  /** Sets stage {@code index}; the percentage set, or empty when the provider refused (recorded either way). */
  @Transactional
  public java.util.OptionalInt setStage(String changeId, int index) {
    Change change = change(changeId);
    FlagRollout rollout = rollout(changeId);
    FlagStage stage = rollout.stages().get(index);
    FlagPort port = adapters.get(rollout.provider());
    FlagResult result = port.setRollout(target(change, rollout), stage.percent());
    Map<String, Object> details = stageDetails(rollout, port, index, stage);
    details.put("detail", result.detail());
    if (!result.applied()) {
      details.put("reason", "the flag provider refused the stage");
      audit.record(SYSTEM, AuditAction.FLAG_STAGE_FAILED, changeId, details);
      return java.util.OptionalInt.empty();
    }
    details.put("validationMinutes", stage.validationMinutesOrZero());
    details.put("holdMinutes", stage.holdMinutesOrZero());
    audit.record(SYSTEM, AuditAction.FLAG_STAGE_SET, changeId, details);
    return java.util.OptionalInt.of(stage.percent());
  }

  /** One validation round of stage {@code index}, whose window ends at {@code endsAt} (null: starts now). */
  @Transactional
  public StageVerdict validateStage(String changeId, int index, String endsAt) {
    FlagRollout rollout = rollout(changeId);
    FlagStage stage = rollout.stages().get(index);
    boolean more = index + 1 < rollout.stages().size();
    ValidationReport report = validation.validateChange(changeId);
    Instant now = clock.instant();
    Instant end = endsAt == null || endsAt.isBlank() ? now.plus(Duration.ofMinutes(stage.validationMinutesOrZero()))
        : Instant.parse(endsAt);
    if (!report.passed()) {
      Map<String, Object> details = stageDetails(rollout, adapters.get(rollout.provider()), index, stage);
      details.put("reason", "the stage failed its validation");
      details.put("failed", report.checks().stream().filter(c -> !c.passed()).map(CheckResult::check).toList());
      audit.record(SYSTEM, AuditAction.FLAG_STAGE_FAILED, changeId, details);
      return new StageVerdict(false, false, end.toString(), "PT0S", more);
    }
    if (now.isBefore(end)) {
      Duration remaining = Duration.between(now, end);
      Duration wait = remaining.compareTo(deployment.validationInterval()) < 0 ? remaining
          : deployment.validationInterval();
      return new StageVerdict(true, false, end.toString(), wait.toString(), more);
    }
    if (!more) {
      audit.record(SYSTEM, AuditAction.FLAG_ROLLOUT_COMPLETED, changeId, Map.of("flag", rollout.flagKey(),
          "percent", stage.percent(), "stages", rollout.stages().size()));
    }
    return new StageVerdict(true, true, end.toString(), Duration.ofMinutes(stage.holdMinutesOrZero()).toString(),
        more);
  }

  /**
   * Switches the change's flag off before its rollback, when a stage was set ({@code percent} not null); nothing
   * otherwise. True when switched off; a refusal is recorded and the rollback goes on.
   */
  @Transactional
  public boolean switchOff(String changeId, Integer percent) {
    if (percent == null) {
      return false;
    }
    FlagRollout rollout = releaseSafety.of(changeId).flagRollout();
    if (rollout == null) {
      return false;
    }
    Change change = change(changeId);
    FlagPort port = adapters.get(rollout.provider());
    FlagResult result = port.switchOff(target(change, rollout));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("flag", rollout.flagKey());
    details.put("provider", port.provider());
    details.put("percentBefore", percent);
    details.put("switchedOff", result.applied());
    details.put("detail", result.detail());
    audit.record(SYSTEM, AuditAction.FLAG_SWITCHED_OFF, changeId, details);
    return result.applied();
  }

  private Map<String, Object> stageDetails(FlagRollout rollout, FlagPort port, int index, FlagStage stage) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("flag", rollout.flagKey());
    details.put("provider", port.provider());
    details.put("simulated", port.simulator());
    details.put("stage", index + 1);
    details.put("of", rollout.stages().size());
    details.put("percent", stage.percent());
    return details;
  }

  private static FlagTarget target(Change change, FlagRollout rollout) {
    return new FlagTarget(change.id(), rollout.flagKey(), change.service(), change.environment());
  }

  private FlagRollout rollout(String changeId) {
    FlagRollout rollout = releaseSafety.of(changeId).flagRollout();
    if (rollout == null) {
      throw new IllegalStateException(changeId + " declares no flag rollout");
    }
    return rollout;
  }

  private Change change(String changeId) {
    return changes.find(changeId).orElseThrow(() -> new ChangeNotFoundException(changeId));
  }
}
