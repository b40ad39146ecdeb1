package io.changegate.rollback;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditEntry;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.deployment.StoredCall;
import io.changegate.rollback.rehearsal.RehearsalService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The forensic evidence of a rollback, preserved before anything is rolled back: the change and its configuration,
 * its timeline and validation results, every adapter call with the systems' answers and output, each target's
 * deployment history as its system reports it, the commit and pipeline run it was built from, the process variables and model versions, the rollback plan
 * with the runbook's stateful components, a metrics snapshot around the deployment and the service's last log lines
 * ({@link Forensics}).
 * Each item gets a SHA-256; the hashes are anchored in the audit chain.
 */
@Service
public class EvidenceService {

  private final ChangeService changes;
  private final DeployedTargets deployed;
  private final ProcessEvidence engine;
  private final EvidenceStore evidence;
  private final AuditTrail audit;
  private final Forensics forensics;
  private final RehearsalService rehearsals;

  public EvidenceService(ChangeService changes, DeployedTargets deployed, ProcessEvidence engine,
      EvidenceStore evidence, AuditTrail audit, Forensics forensics, RehearsalService rehearsals) {
    this.changes = changes;
    this.deployed = deployed;
    this.engine = engine;
    this.evidence = evidence;
    this.audit = audit;
    this.forensics = forensics;
    this.rehearsals = rehearsals;
  }

  /** Preserves the evidence as bundle {@code bundleId} (once: a retried job finds it); the rollback ahead. */
  @Transactional
  public RollbackPlan preserveEvidence(String changeId, String bundleId) {
    Change change = changes.get(changeId);
    RollbackPlan plan = deployed.planOf(change).with(rehearsals.isRehearsal(changeId),
        changes.runbook(changeId).runbook().stateful().size());
    if (evidence.exists(bundleId)) {
      return plan;
    }
    List<StoredCall> calls = deployed.calls(changeId);
    List<AuditEntry> timeline = audit.entriesOf(changeId);
    Map<String, Object> items = new LinkedHashMap<>();
    items.put("change.json", change);
    // what the pipeline built the change from (commit, repository, pipeline run, configuration revision) and its team
    items.put("commit.json", changes.origin(changeId));
    items.put("timeline.json", timeline);
    items.put("validation-results.json", timeline.stream()
        .filter(e -> e.action().startsWith("VALIDAT") || e.action().startsWith("ROLLOUT_")).toList());
    items.put("deployment-calls.json", calls);
    deployed.histories(calls).forEach((target, history) -> items.put("deployment-history/" + target + ".txt", history));
    items.put("process-variables.json", engine.variablesOf(changeId));
    // which version of each process, decision and form governed the change (key, version, SHA-256)
    items.put("process-versions.json", engine.versionsOf(changeId));
    items.put("configuration.json", deployed.configuration(change, calls));
    items.put("rollback-plan.json", deployed.toRollBack(changeId).stream().map(c -> Map.of("target", c.target(),
        "restore", String.valueOf(c.previous()), "deployed", String.valueOf(c.version()))).toList());
    // the stateful components operations restore by hand, in order, with their checkpoints
    items.put("stateful-components.json", changes.runbook(changeId).runbook().stateful());
    // what the monitoring saw around the deployment, and the service's last log lines
    items.put("metrics-snapshot.json", forensics.metricsSnapshot(change, timeline));
    items.put(forensics.logItemName(change), forensics.lastLogLines(change));
    List<EvidenceItem> stored = evidence.store(bundleId, changeId, items);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("bundle", bundleId);
    details.put("items", stored.stream().map(i -> Map.of("name", i.name(), "sha256", i.sha256())).toList());
    audit.record(ChangeService.SYSTEM_ACTOR, AuditAction.EVIDENCE_PRESERVED, changeId, details);
    return plan;
  }

  public List<EvidenceBundle> evidenceOf(String changeId) {
    changes.get(changeId);
    return evidence.ofChange(changeId);
  }
}
