package io.changegate.rollback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.audit.AuditEntry;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeConflictException;
import io.changegate.change.ChangeProcess;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.change.Migration;
import io.changegate.change.Target;
import io.changegate.deployment.DeploymentAdapters;
import io.changegate.deployment.DeploymentOrder;
import io.changegate.deployment.DeploymentProcess;
import io.changegate.deployment.DeploymentProperties;
import io.changegate.deployment.DeploymentRecords;
import io.changegate.deployment.DeploymentService;
import io.changegate.deployment.EnvironmentSlots;
import io.changegate.deployment.Release;
import io.changegate.deployment.RolloutState;
import io.changegate.deployment.RolloutWatch;
import io.changegate.deployment.StoredCall;
import io.changegate.deployment.TargetCalls;
import io.changegate.governance.trace.ProcessVersions;
import io.changegate.monitoring.ValidationPort;
import io.changegate.monitoring.ValidationReport;
import io.changegate.monitoring.ValidationRequest;
import io.changegate.outbound.CallOutcome;
import io.changegate.rollback.incident.IncidentReport;
import io.changegate.rollback.incident.Incidents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rolls a change back: preserves the forensic evidence first, opens an incident, rolls every deployed target
 * back to what ran before (last deployed first, each call idempotent like a deploy), verifies recovery with
 * the same validation, records the time to restore, and prepares the blameless postmortem. A rollback that
 * fails raises an incident for operations and never reports success.
 */
@Service
public class RollbackService {

  static final String SYSTEM = "changegate";

  private final ChangeService changes;
  private final DeploymentAdapters adapters;
  private final TargetCalls calls;
  private final RolloutWatch rollouts;
  private final DeploymentRecords records;
  private final DeploymentProperties settings;
  private final EvidenceStore evidence;
  private final ProcessVersions processVersions;
  private final Incidents incidents;
  private final ValidationPort validation;
  private final AuditTrail audit;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final ObjectMapper json;
  private final EnvironmentSlots slots;

  public RollbackService(ChangeService changes, DeploymentAdapters adapters, DeploymentRecords records,
      DeploymentProperties settings, EvidenceStore evidence, Incidents incidents, ValidationPort validation,
      AuditTrail audit, @Lazy RuntimeService runtime, @Lazy HistoryService history, ObjectMapper json,
      EnvironmentSlots slots, ProcessVersions processVersions, TargetCalls calls, RolloutWatch rollouts) {
    this.calls = calls;
    this.rollouts = rollouts;
    this.slots = slots;
    this.processVersions = processVersions;
    this.changes = changes;
    this.adapters = adapters;
    this.records = records;
    this.settings = settings;
    this.evidence = evidence;
    this.incidents = incidents;
    this.validation = validation;
    this.audit = audit;
    this.runtime = runtime;
    this.history = history;
    this.json = json;
  }

  // --- (a) evidence -----------------------------------------------------------------------------------------

  /**
   * Preserves, before anything is rolled back: the change and its configuration, its timeline and validation
   * results, every adapter call with the system's answers and output, each target's deployment history as the
   * deployment system reports it, the process variables, and the rollback plan. Each item gets a SHA-256; the
   * hashes are anchored in the audit chain.
   */
  @Transactional
  public RollbackPlan preserveEvidence(String changeId, String bundleId) {
    Change change = changes.get(changeId);
    List<StoredCall> plan = plan(changeId);
    if (evidence.exists(bundleId)) {
      return new RollbackPlan(plan.size(), change.dryRun(), settings.rolloutPollInterval().toString());
    }
    List<StoredCall> calls = records.callsOf(changeId);
    List<AuditEntry> timeline = audit.entriesOf(changeId);
    Map<String, String> items = new LinkedHashMap<>();
    items.put("change.json", write(change));
    items.put("timeline.json", write(timeline));
    items.put("validation-results.json", write(timeline.stream()
        .filter(e -> e.action().startsWith("VALIDAT") || e.action().startsWith("ROLLOUT_")).toList()));
    items.put("deployment-calls.json", write(calls));
    for (StoredCall call : calls) {
      if (DeploymentRecords.KIND_DEPLOY.equals(call.kind()) || DeploymentRecords.KIND_MIGRATION.equals(call.kind())) {
        String name = "deployment-history/" + call.target() + ".txt";
        if (!items.containsKey(name)) {
          items.put(name, adapters.get(call.adapter()).history(call.target(), call.environment()));
        }
      }
    }
    items.put("process-variables.json", write(processVariables(changeId)));
    // which version of each process, decision and form governed the change (key, version, SHA-256)
    items.put("process-versions.json", write(processVersions.ofChange(changeId)));
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("promotionOrder", settings.promotionOrder());
    configuration.put("environmentLimit", settings.limitOf(change.environment()));
    configuration.put("rolloutTimeout", settings.rolloutTimeout().toString());
    configuration.put("adapters", calls.stream().map(StoredCall::adapter).distinct()
        .map(a -> adapters.get(a).settings()).toList());
    items.put("configuration.json", write(configuration));
    items.put("rollback-plan.json", write(plan.stream().map(c -> Map.of("target", c.target(),
        "restore", String.valueOf(c.previous()), "deployed", String.valueOf(c.version()))).toList()));
    List<EvidenceItem> stored = evidence.store(bundleId, changeId, items, Instant.now());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("bundle", bundleId);
    details.put("items", stored.stream().map(i -> Map.of("name", i.name(), "sha256", i.sha256())).toList());
    audit.record(SYSTEM, "EVIDENCE_PRESERVED", changeId, details);
    return new RollbackPlan(plan.size(), change.dryRun(), settings.rolloutPollInterval().toString());
  }

  public List<EvidenceBundle> evidenceOf(String changeId) {
    changes.get(changeId);
    return evidence.ofChange(changeId);
  }

  // --- (d) incident -----------------------------------------------------------------------------------------

  @Transactional
  public String openIncident(String changeId) {
    Change change = changes.get(changeId);
    String reason = lastFailure(changeId).orElse("rollback started");
    return incidents.open(new IncidentReport(changeId, changeId + ":ROLLBACK", "ROLLBACK", "major",
        "Change " + changeId + " of " + change.service() + " in " + change.environment() + " is being rolled back",
        reason, change.service(), change.environment(), change.dryRun())).reference();
  }

  @Transactional
  public String escalateFailedRollback(String changeId) {
    Change change = changes.get(changeId);
    String reason = lastFailure(changeId).orElse("the rollback did not restore the service");
    return incidents.open(new IncidentReport(changeId, changeId + ":ROLLBACK_FAILED", "ROLLBACK_FAILED", "critical",
        "Rollback of change " + changeId + " (" + change.service() + " in " + change.environment() + ") failed",
        reason + ". Operations must restore the service by hand.", change.service(), change.environment(),
        change.dryRun())).reference();
  }

  // --- (b) roll back each target, last deployed first -------------------------------------------------------

  /** The deploy calls that changed a target, last deployed first. */
  public List<StoredCall> plan(String changeId) {
    List<StoredCall> deployed = new ArrayList<>(records.callsOf(changeId).stream()
        .filter(c -> DeploymentRecords.KIND_DEPLOY.equals(c.kind()) && c.changedTheTarget()).toList());
    deployed.sort(Comparator.comparingInt(StoredCall::targetIndex).reversed());
    return deployed;
  }

  public RollbackStep step(String changeId, int index) {
    StoredCall call = plan(changeId).get(index);
    Optional<StoredCall> migration = migrationOf(changeId, call.targetIndex());
    if (migration.isEmpty()) {
      return new RollbackStep(call.target(), DeploymentProcess.UNDO_NONE, "");
    }
    Migration declared = changes.get(changeId).targets().get(call.targetIndex()).migration();
    return declared != null && declared.needsCheckpointRestore()
        ? new RollbackStep(call.target(), DeploymentProcess.UNDO_CHECKPOINT, declared.restoreCheckpoint())
        : new RollbackStep(call.target(), DeploymentProcess.UNDO_ADAPTER, "");
  }

  /** Rolls one target back to what ran before it; the rollout state (FAILED when refused). */
  @Transactional
  public RolloutState rollBackTarget(String changeId, int index) {
    Change change = changes.get(changeId);
    StoredCall deployed = plan(changeId).get(index);
    DeploymentOrder order = DeploymentService.orderFor(change, deployed.target(), DeploymentOrder.Kind.DEPLOY);
    RolloutState state = restore(change, deployed, order, DeploymentRecords.KIND_ROLLBACK);
    // asked once right away: a rollback that is done at once needs no timer
    return state == RolloutState.IN_PROGRESS ? checkRollback(change, index) : state;
  }

  @Transactional
  public RolloutState checkRollback(String changeId, int index) {
    return checkRollback(changes.get(changeId), index);
  }

  private RolloutState checkRollback(Change change, int index) {
    StoredCall deployed = plan(change.id()).get(index);
    DeploymentOrder restoring = DeploymentService.orderFor(change, deployed.target(), DeploymentOrder.Kind.DEPLOY)
        .restoring(deployed.previous());
    RolloutWatch.Progress progress = rollouts.check(restoring);
    if (progress.changed() && progress.state() != RolloutState.IN_PROGRESS) {
      audit.record(SYSTEM, "ROLLBACK_ROLLOUT_" + progress.state().name(), change.id(),
          Map.of("target", deployed.target(), "detail", progress.rollout().detail()));
    }
    return progress.state();
  }

  /** Undoes the target's database migration through its adapter (no wait: recovery is verified after). */
  @Transactional
  public boolean rollBackMigration(String changeId, int index) {
    Change change = changes.get(changeId);
    StoredCall deployed = plan(changeId).get(index);
    StoredCall migration = migrationOf(changeId, deployed.targetIndex()).orElseThrow();
    DeploymentOrder order = DeploymentService.orderFor(change, migration.target(), DeploymentOrder.Kind.MIGRATION);
    return restore(change, migration, order, DeploymentRecords.KIND_MIGRATION_ROLLBACK) != RolloutState.FAILED;
  }

  @Transactional
  public void recordCheckpointRestored(String changeId, String target, String actor, String comment) {
    audit.record(actor, "CHECKPOINT_RESTORED", changeId, Map.of("target", target,
        "comment", comment == null ? "" : comment));
  }

  private RolloutState restore(Change change, StoredCall deployed, DeploymentOrder order, String kind) {
    TargetCalls.Made made = calls.restore(deployed, order, kind);
    if (made.outcome().earlier()) {
      return made.outcome().succeeded() ? RolloutState.IN_PROGRESS : RolloutState.FAILED;
    }
    Release previous = deployed.previous();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("target", deployed.target());
    details.put("kind", kind);
    details.put("adapter", made.adapter());
    details.put("from", deployed.version());
    details.put("to", previous == null ? null : previous.version());
    details.put("result", made.result());
    details.put("detail", made.answer().detail());
    audit.record(SYSTEM, made.outcome().succeeded() ? "TARGET_ROLLED_BACK" : "ROLLBACK_REFUSED", change.id(), details);
    if (!made.outcome().succeeded()) {
      return RolloutState.FAILED;
    }
    return order.dryRun() || made.outcome() == CallOutcome.ALREADY_THERE ? RolloutState.HEALTHY
        : RolloutState.IN_PROGRESS;
  }

  private Optional<StoredCall> migrationOf(String changeId, int targetIndex) {
    return records.callsOf(changeId).stream()
        .filter(c -> DeploymentRecords.KIND_MIGRATION.equals(c.kind()) && c.targetIndex() == targetIndex
            && c.changedTheTarget())
        .findFirst();
  }

  // --- (c) verify, (f) restored -----------------------------------------------------------------------------

  /** The same validation as after the deployment, against what runs again. */
  @Transactional
  public boolean verifyRecovery(String changeId) {
    Change change = changes.get(changeId);
    String restoredVersion = plan(changeId).stream().findFirst().map(StoredCall::previous)
        .map(Release::version).orElse(null);
    ValidationReport report = validation.validate(new ValidationRequest(changeId, change.service(),
        change.environment(), restoredVersion, change.validation()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("passed", report.passed());
    details.put("version", restoredVersion);
    details.put("checks", report.checks());
    audit.record(SYSTEM, report.passed() ? "RECOVERY_VERIFIED" : "RECOVERY_NOT_VERIFIED", changeId, details);
    return report.passed();
  }

  /**
   * Status ROLLED_BACK, with the time to restore (from the start of the rollback to verified recovery); the
   * change's environment slot is freed.
   */
  @Transactional
  public Duration recordRestored(String changeId) {
    Instant restoredAt = Instant.now();
    Instant detectedAt = audit.entriesOf(changeId).stream()
        .filter(e -> ChangeStatus.ROLLING_BACK.name().equals(e.action()))
        .map(AuditEntry::occurredAt).reduce((first, second) -> second).orElse(restoredAt);
    Duration timeToRestore = Duration.between(detectedAt, restoredAt);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rollbackStartedAt", detectedAt.toString());
    details.put("restoredAt", restoredAt.toString());
    details.put("timeToRestore", timeToRestore.toString());
    details.put("timeToRestoreSeconds", timeToRestore.toMillis() / 1000.0);
    changes.transition(changeId, ChangeStatus.ROLLED_BACK, SYSTEM, details);
    // the environment is restored: the next change need not wait for the postmortem
    slots.release(changeId);
    return timeToRestore;
  }

  // --- (e) postmortem ---------------------------------------------------------------------------------------

  public Postmortem postmortem(String changeId) {
    Change change = changes.get(changeId);
    StringBuilder timeline = new StringBuilder();
    List<AuditEntry> entries = audit.entriesOf(changeId);
    for (int i = 0; i < entries.size(); i++) {
      AuditEntry entry = entries.get(i);
      // a stabilization period repeats VALIDATED every interval: one line for a run of them
      int run = 1;
      while (i + run < entries.size() && entries.get(i + run).action().equals(entry.action())
          && "VALIDATED".equals(entry.action())) {
        run++;
      }
      timeline.append(entry.occurredAt()).append("  ").append(entry.action()).append("  (").append(entry.actor())
          .append(")  ").append(abbreviate(entry.details(), 300)).append('\n');
      if (run > 1) {
        AuditEntry last = entries.get(i + run - 1);
        timeline.append(last.occurredAt()).append("  ").append(last.action()).append("  … ").append(run - 1)
            .append(" more passing validation rounds\n");
        i += run - 1;
      }
    }
    String restored = audit.entriesOf(changeId).stream()
        .filter(e -> ChangeStatus.ROLLED_BACK.name().equals(e.action())).map(AuditEntry::details)
        .reduce((a, b) -> b).orElse("{}");
    String summary = "Change " + changeId + " (" + change.title() + ") of " + change.service() + " in "
        + change.environment() + " was rolled back. Why: " + lastFailure(changeId).orElse("see the timeline")
        + ". Restoration: " + restored + ". Incidents: " + incidents.ofChange(changeId).stream()
            .map(i -> i.reference() + (i.url() == null ? "" : " " + i.url())).toList();
    return new Postmortem(fitVariable(timeline.toString(), changeId), abbreviate(summary, POSTMORTEM_TEXT_MAX),
        change.requester());
  }

  @Transactional
  public void recordPostmortem(String changeId, String actor, Map<String, Object> postmortem) {
    audit.record(actor, "POSTMORTEM_RECORDED", changeId, postmortem);
  }

  @Transactional
  public void recordManualRestoration(String changeId, String actor, String resolution) {
    audit.record(actor, "ROLLBACK_FAILURE_HANDLED", changeId, Map.of("resolution",
        resolution == null ? "" : resolution));
  }

  // --- trigger ----------------------------------------------------------------------------------------------

  /**
   * Asks for a rollback (message {@code RollbackRequested}), from the API or the Tasklist: a change that is
   * deploying or validating is interrupted and rolled back; a completed change is rolled back by a new
   * {@code rollback} instance with the change id as business key. Other states have nothing to roll back.
   */
  @Transactional
  public Change request(String changeId, String actor, String reason) {
    Change change = changes.get(changeId);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", reason == null ? "" : reason);
    details.put("status", change.status().name());
    switch (change.status()) {
      case DEPLOYING, VALIDATING -> {
        ProcessInstance deployment = runtime.createProcessInstanceQuery().processInstanceBusinessKey(changeId)
            .processDefinitionKey(ChangeProcess.DEPLOYMENT).active().list().stream().findFirst()
            .orElseThrow(() -> new ChangeConflictException(changeId + " is " + change.status()
                + " but its deployment is not running (an incident may hold it); resolve it in Cockpit"));
        audit.record(actor, "ROLLBACK_REQUESTED", changeId, details);
        runtime.createMessageCorrelation(DeploymentProcess.MESSAGE_ROLLBACK_REQUESTED)
            .processInstanceId(deployment.getId())
            .setVariable(DeploymentProcess.REQUESTED_BY.name(), actor)
            .setVariable(DeploymentProcess.REQUEST_REASON.name(), reason == null ? "" : reason)
            .correlateWithResult();
      }
      case COMPLETED -> {
        audit.record(actor, "ROLLBACK_REQUESTED", changeId, details);
        runtime.createMessageCorrelation(DeploymentProcess.MESSAGE_ROLLBACK_REQUESTED)
            .processInstanceBusinessKey(changeId)
            .setVariable(ChangeProcess.CHANGE_ID.name(), changeId)
            .setVariable(DeploymentProcess.REQUESTED_BY.name(), actor)
            .setVariable(DeploymentProcess.REQUEST_REASON.name(), reason == null ? "" : reason)
            .startMessageOnly()
            .correlateWithResult();
      }
      default -> throw new ChangeConflictException(changeId + " is " + change.status() + ": "
          + (change.status().isFinal() ? "it has nothing deployed to roll back" : "nothing is deployed yet; cancel it instead"));
    }
    return changes.get(changeId);
  }

  private Optional<String> lastFailure(String changeId) {
    return audit.entriesOf(changeId).stream()
        .filter(e -> List.of("VALIDATION_FAILED", "ALERT_FIRING", "DEPLOYMENT_REFUSED", "MIGRATION_REFUSED",
            "ROLLOUT_DEGRADED", "ROLLOUT_FAILED", "ROLLBACK_REQUESTED", "ROLLBACK_REFUSED", "RECOVERY_NOT_VERIFIED",
            "ROLLBACK_ROLLOUT_FAILED", "ROLLBACK_ROLLOUT_DEGRADED").contains(e.action()))
        .reduce((a, b) -> b)
        .map(e -> e.action() + " " + abbreviate(e.details(), 400));
  }

  private List<Map<String, Object>> processVariables(String changeId) {
    List<Map<String, Object>> variables = new ArrayList<>();
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(changeId).list()) {
      history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).disableCustomObjectDeserialization()
          .list().forEach(v -> {
            Map<String, Object> variable = new LinkedHashMap<>();
            variable.put("process", instance.getProcessDefinitionKey());
            variable.put("name", v.getName());
            variable.put("type", v.getTypeName());
            variable.put("value", String.valueOf(v.getValue()));
            variables.add(variable);
          });
    }
    return variables;
  }

  private String write(Object value) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("evidence must be JSON-serialisable", e);
    }
  }

  /** Longest text a string process variable holds in every supported database (ACT_*.TEXT_ is 4,000). */
  static final int POSTMORTEM_TEXT_MAX = 3900;

  /** The postmortem form's timeline: its first and last lines when the whole would not fit in a variable. */
  private static String fitVariable(String timeline, String changeId) {
    if (timeline.length() <= POSTMORTEM_TEXT_MAX) {
      return timeline;
    }
    String gap = "\n… (shortened; the whole timeline: GET /api/changes/" + changeId + ")\n";
    int half = (POSTMORTEM_TEXT_MAX - gap.length()) / 2;
    return timeline.substring(0, half) + gap + timeline.substring(timeline.length() - half);
  }

  private static String abbreviate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
  }

  static List<Target> targets(Change change) {
    return change.targets();
  }
}
