package io.changegate.deployment;

import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeNotFoundException;
import io.changegate.change.ChangeRepository;
import io.changegate.change.Target;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deploys every target of a change, in order, exactly once. A target already recorded under its
 * idempotency key is skipped; a target that already runs the artifact is recorded without a call, which
 * covers a job re-executed after the deployment system said yes but before the transaction committed.
 */
@Service
public class DeploymentService {

  static final String SYSTEM = "changegate";

  private final ChangeRepository changes;
  private final DeploymentAdapters adapters;
  private final DeploymentRecords records;
  private final AuditTrail audit;

  public DeploymentService(ChangeRepository changes, DeploymentAdapters adapters, DeploymentRecords records,
      AuditTrail audit) {
    this.changes = changes;
    this.adapters = adapters;
    this.records = records;
    this.audit = audit;
  }

  /** Deploys all targets; returns false as soon as a deployment system refuses one. */
  @Transactional
  public boolean deployChange(String changeId) {
    Change change = changes.find(changeId).orElseThrow(() -> new ChangeNotFoundException(changeId));
    for (Target target : change.targets()) {
      DeploymentOrder order = orderFor(change, target);
      if (records.exists(order.idempotencyKey())) {
        continue;
      }
      DeploymentPort port = adapters.get(target.adapter());
      Optional<Release> running = port.currentRelease(target.name(), change.environment());
      DeploymentOutcome outcome;
      String result;
      if (!order.dryRun() && order.isSatisfiedBy(running.orElse(null))) {
        outcome = DeploymentOutcome.success(target.name() + " already runs " + order.version()
            + " in " + order.environment() + ": nothing to do", null);
        result = "ALREADY_RUNNING";
      } else {
        outcome = port.deploy(order);
        result = !outcome.succeeded() ? "REFUSED" : order.dryRun() ? "DRY_RUN" : "DEPLOYED";
      }
      records.insert(order, port.adapter(), change.service(), result, outcome.detail(), Instant.now());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("target", target.name());
      details.put("adapter", port.adapter());
      details.put("environment", change.environment());
      details.put("version", order.version());
      details.put("digest", order.digest());
      details.put("result", result);
      details.put("detail", outcome.detail());
      running.ifPresent(r -> details.put("previousVersion", r.version()));
      audit.record(SYSTEM, outcome.succeeded() ? "DEPLOYED" : "DEPLOYMENT_REFUSED", changeId, details);
      if (!outcome.succeeded()) {
        return false;
      }
    }
    return true;
  }

  static DeploymentOrder orderFor(Change change, Target target) {
    String version = change.artifact() == null ? null : change.artifact().version();
    String digest = change.artifact() == null ? null : change.artifact().digest();
    String key = change.id() + ":" + target.name() + ":" + (digest != null ? digest : String.valueOf(version));
    return new DeploymentOrder(change.id(), key, target.name(), change.service(), change.environment(), version,
        digest, change.dryRun());
  }
}
