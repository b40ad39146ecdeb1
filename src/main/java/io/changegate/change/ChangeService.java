package io.changegate.change;

import io.changegate.audit.AuditAction;
import static io.changegate.change.ChangeProcess.CANCELLED_BY;
import static io.changegate.change.ChangeProcess.CANCEL_REASON;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.EMERGENCY;
import static io.changegate.change.ChangeProcess.EMERGENCY_JUSTIFIED;
import static io.changegate.change.ChangeProcess.STANDARD_CHANGE_TEMPLATE;
import static io.changegate.change.ChangeProcess.TEMPLATE_FITS;
import static io.changegate.change.ChangeProcess.TEMPLATE_MISMATCH;
import static io.changegate.change.ChangeProcess.URGENCY;

import io.changegate.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life of a change record: intake, classification, status transitions, cancellation. Each method
 * runs in one transaction with the engine's state and the audit trail, so a failure leaves nothing
 * half-written.
 */
@Service
public class ChangeService {

  public static final String SYSTEM_ACTOR = "changegate";
  /** The Camunda administrators' group: never a delivery team. */
  /** How often a cancellation that met the change's own job moving its instance is tried in all. */
  private static final int CANCEL_ATTEMPTS = 3;
  private static final String ADMINISTRATORS = org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN;

  private final ChangeRepository repository;
  private final ChangeIntakeValidator validator;
  private final StandardTemplates catalog;
  private final TargetAdapters adapters;
  private final AuditTrail audit;
  private final RuntimeService runtime;
  private final ChangeMetrics metrics;
  private final RunbookRepository runbooks;
  private final ChangeOrigins origins;
  private final IdentityService identities;
  private final EnvironmentCatalog environments;
  private final ReleaseSafetyRepository releaseSafety;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  private final ApplicationEventPublisher events;

  ChangeService(ChangeRepository repository, ChangeIntakeValidator validator, StandardTemplates catalog,
      TargetAdapters adapters, AuditTrail audit, RuntimeService runtime, ChangeMetrics metrics,
      RunbookRepository runbooks, ChangeOrigins origins, IdentityService identities, EnvironmentCatalog environments,
      ReleaseSafetyRepository releaseSafety, ApplicationEventPublisher events, Clock clock,
      PlatformTransactionManager transactions) {
    this.releaseSafety = releaseSafety;
    this.events = events;
    this.repository = repository;
    this.validator = validator;
    this.catalog = catalog;
    this.adapters = adapters;
    this.audit = audit;
    this.runtime = runtime;
    this.metrics = metrics;
    this.runbooks = runbooks;
    this.origins = origins;
    this.identities = identities;
    this.environments = environments;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
  }

  /**
   * Stores a valid change, records it, and starts {@code change-request} with the change id as business
   * key. The classification runs in the same transaction, so the returned change carries its type.
   */
  @Transactional
  public Change submit(ChangeRequest request, String requester) {
    validator.check(request);
    Instant now = clock.instant();
    Change change = newChange(request, repository.nextId(), requester, now);
    repository.insert(change);
    ChangeOrigin origin = originOf(request, requester);
    origins.insert(change.id(), origin);
    if (request.runbook() != null && !request.runbook().isEmpty()) {
      runbooks.save(change.id(), request.runbook(), requester, now);
    }
    releaseSafety.insert(change.id(), new ReleaseSafety(request.flagRollout(), request.preTraffic()));
    audit.record(requester, AuditAction.SUBMITTED, change.id(), summary(change, origin));

    String mismatch = change.standardChangeTemplate() == null ? null
        : catalog.mismatch(change.standardChangeTemplate(), change.service(), change.environment(), change.impact())
            .orElseThrow();
    VariableMap variables = Variables.createVariables()
        .putValue(CHANGE_ID.name(), change.id())
        .putValueTyped(EMERGENCY.name(), EMERGENCY.value(change.emergency()))
        .putValueTyped(EMERGENCY_JUSTIFIED.name(), EMERGENCY_JUSTIFIED.value(change.emergencyJustification() != null))
        .putValueTyped(URGENCY.name(), URGENCY.value(change.urgency().name()))
        .putValueTyped(STANDARD_CHANGE_TEMPLATE.name(), STANDARD_CHANGE_TEMPLATE.value(change.standardChangeTemplate()))
        .putValueTyped(TEMPLATE_FITS.name(), TEMPLATE_FITS.value(mismatch != null && mismatch.isEmpty()))
        .putValueTyped(TEMPLATE_MISMATCH.name(), TEMPLATE_MISMATCH.value(mismatch == null ? "" : mismatch));
    runtime.createProcessInstanceByKey(ChangeProcess.CHANGE_REQUEST)
        .businessKey(change.id())
        .setVariables(variables)
        .execute();
    return get(change.id());
  }

  /** Every error of {@code request} as {@link #submit} would report it, without storing anything. */
  public void validate(ChangeRequest request) {
    validator.check(request);
  }

  /**
   * Registers a change whose process was started directly (a Tasklist start form): validated like an
   * intake request, stored, recorded and classified in the starting transaction. The calling process
   * carries it on; a refusal leaves nothing behind.
   */
  @Transactional
  public Change registerStarted(ChangeRequest request, String requester, ChangeType type, String reason) {
    validator.check(request);
    Instant now = clock.instant();
    Change change = newChange(request, repository.nextId(), requester, now);
    repository.insert(change);
    ChangeOrigin origin = originOf(request, requester);
    origins.insert(change.id(), origin);
    if (request.runbook() != null && !request.runbook().isEmpty()) {
      runbooks.save(change.id(), request.runbook(), requester, now);
    }
    releaseSafety.insert(change.id(), new ReleaseSafety(request.flagRollout(), request.preTraffic()));
    audit.record(requester, AuditAction.SUBMITTED, change.id(), summary(change, origin));
    recordClassification(change.id(), type, reason);
    return get(change.id());
  }

  /**
   * The change, its row locked until the calling transaction ends: decisions on one change that must see each
   * other (one sign-off per person) queue here instead of passing side by side.
   */
  @Transactional
  public Change lock(String id) {
    return repository.findForUpdate(id).orElseThrow(() -> new ChangeNotFoundException(id));
  }

  public Change get(String id) {
    return repository.find(id).orElseThrow(() -> new ChangeNotFoundException(id));
  }

  public List<Change> list(ChangeStatus status, String service, String environment, int limit) {
    return repository.list(status, service, environment, limit);
  }

  /** As above, narrowed to changes whose governance was ({@code true}) or was not overridden (null: either). */
  public List<Change> list(ChangeStatus status, String service, String environment, Boolean governanceOverridden,
      int limit) {
    return repository.list(status, service, environment, governanceOverridden, limit);
  }

  /** As above, kept to the changes deployed (not as a dry run) in {@code [deployedFrom, deployedTo]} (null: open). */
  @Transactional(readOnly = true)
  public List<Change> list(ChangeStatus status, String service, String environment, Boolean governanceOverridden,
      Instant deployedFrom, Instant deployedTo, int limit) {
    return repository.list(status, service, environment, governanceOverridden, deployedFrom, deployedTo, limit);
  }

  /** Every change matching {@code query}, completed ones included, newest first. */
  public List<Change> search(ChangeQuery query) {
    return repository.search(query);
  }

  /** Whether someone skipped the change's approval or altered its flow by hand. */
  public boolean governanceOverridden(String id) {
    return repository.isGovernanceOverridden(id);
  }

  /** Of these changes, those whose governance was overridden. */
  public Set<String> governanceOverriddenAmong(Collection<String> ids) {
    return repository.governanceOverriddenAmong(ids);
  }

  /** Records what {@code change-classification} decided; a standard change is pre-approved. */
  @Transactional
  public void recordClassification(String id, ChangeType type, String reason) {
    ChangeStatus status = type == ChangeType.STANDARD ? ChangeStatus.APPROVED : ChangeStatus.IN_REVIEW;
    repository.updateClassification(id, type, reason, status, clock.instant());
    audit.record(SYSTEM_ACTOR, AuditAction.CLASSIFIED, id, Map.of("type", type.name(), "reason", reason,
        "status", status.name()));
  }

  /** Moves the change to {@code status} and records who moved it and why. */
  @Transactional
  public void transition(String id, ChangeStatus status, String actor, Map<String, ?> details) {
    Change change = repository.findForUpdate(id).orElseThrow(() -> new ChangeNotFoundException(id));
    repository.updateStatus(id, status, clock.instant());
    if (status.isFinal()) {
      metrics.finished(change.type(), status);
    }
    Map<String, Object> entry = new LinkedHashMap<>(details);
    entry.put("status", status.name());
    audit.record(actor, AuditAction.valueOf(status.name()), id, entry);
    events.publishEvent(new ChangeStatusChanged(id, status, change.dryRun()));
  }

  /** The change's runbook and its author; an empty runbook by the requester when none was given. */
  public RunbookRepository.Authored runbook(String id) {
    Change change = get(id);
    return runbooks.find(id).orElseGet(() -> new RunbookRepository.Authored(Runbook.empty(), change.requester(),
        change.createdAt()));
  }

  /**
   * Checks an amendment as {@link #amend} will (the same limits as at intake), with every error at once, storing
   * nothing: for the pages, which show each error next to its field before the rework task is completed.
   */
  public void validateAmendment(String description, String rollbackPlan, Runbook runbook) {
    validator.checkAmendment(description, rollbackPlan, runbook);
  }

  /**
   * The requester amends the change after a reviewer asked for changes: description, rollback plan and
   * runbook. Invalid input is refused with every error and nothing is stored; what changed is recorded.
   */
  @Transactional
  public void amend(String id, String description, String rollbackPlan, Runbook runbook, String actor, String note) {
    Change change = repository.findForUpdate(id).orElseThrow(() -> new ChangeNotFoundException(id));
    validator.checkAmendment(description, rollbackPlan, runbook);
    Instant now = clock.instant();
    Runbook before = runbooks.find(id).map(RunbookRepository.Authored::runbook).orElse(Runbook.empty());
    if (runbook != null && runbook.stateful().isEmpty()) {
      // the amendment forms edit the runbook's text parts; its stateful sections stay as they were
      runbook = runbook.withStateful(before.stateful());
    }
    List<String> changed = new ArrayList<>();
    if (!java.util.Objects.equals(blankToNull(change.description()), blankToNull(description))) {
      changed.add("description");
    }
    if (!java.util.Objects.equals(blankToNull(change.rollbackPlan()), blankToNull(rollbackPlan))) {
      changed.add("rollbackPlan");
    }
    if (!before.equals(runbook)) {
      changed.add("runbook");
      runbooks.save(id, runbook, actor, now);
    }
    repository.updateAmendment(id, blankToNull(description), blankToNull(rollbackPlan), now);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("changed", changed);
    entry.put("note", note == null ? "" : note);
    audit.record(actor, AuditAction.CHANGE_AMENDED, id, entry);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Moves the change to a new planned slot (the requester picked it after a blackout) and records it. */
  @Transactional
  public void reschedule(String id, Instant plannedStart, Instant plannedEnd, String actor) {
    Change change = repository.findForUpdate(id).orElseThrow(() -> new ChangeNotFoundException(id));
    repository.updatePlannedSlot(id, plannedStart, plannedEnd, clock.instant());
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("fromStart", String.valueOf(change.plannedStart()));
    entry.put("fromEnd", String.valueOf(change.plannedEnd()));
    entry.put("plannedStart", plannedStart.toString());
    entry.put("plannedEnd", plannedEnd.toString());
    audit.record(actor, AuditAction.RESCHEDULED, id, entry);
  }

  /**
   * Cancels an open change wherever it is (message {@code ChangeCancelled}). Only its requester or a
   * privileged actor (operations, CAB, administrators) may cancel it.
   */
  public Change cancel(String id, String actor, boolean privileged, String reason) {
    Reason.checked(reason);
    for (int attempt = 1; ; attempt++) {
      try {
        return ownTransaction.execute(status -> cancelOnce(id, actor, privileged, reason));
      } catch (OptimisticLockingException movedOn) {
        // the change's own job moved its instance at the same moment (the intake's classification, a step
        // ending): the cancellation rolled back whole; look again, as the person would
        if (attempt == CANCEL_ATTEMPTS) {
          throw movedOn;
        }
      }
    }
  }

  private Change cancelOnce(String id, String actor, boolean privileged, String reason) {
    Change change = repository.findForUpdate(id).orElseThrow(() -> new ChangeNotFoundException(id));
    if (!privileged && !change.requester().equals(actor)) {
      throw new org.springframework.security.access.AccessDeniedException(
          "Only the requester of " + id + ", operations, the CAB or an administrator may cancel it");
    }
    if (change.status().isFinal()) {
      throw new ChangeConflictException(id + " is " + change.status() + "; only an open change can be cancelled");
    }
    // the top-level instance of the change (change-request, or an emergency-change started in Tasklist)
    // carries the cancellation; the called instances below it stop with it
    var root = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).rootProcessInstances().list();
    if (root.size() != 1) {
      throw new ChangeConflictException(id + " is " + change.status() + " and cannot be cancelled at this step");
    }
    var correlated = runtime.createMessageCorrelation(ChangeProcess.MESSAGE_CHANGE_CANCELLED)
        .processInstanceId(root.get(0).getId())
        .setVariable(CANCELLED_BY.name(), actor)
        .setVariable(CANCEL_REASON.name(), reason == null ? "" : reason)
        .correlateAllWithResult();
    if (correlated.isEmpty()) {
      throw new ChangeConflictException(id + " is " + change.status() + " and cannot be cancelled at this step");
    }
    return get(id);
  }

  private Change newChange(ChangeRequest r, String id, String requester, Instant now) {
    List<Target> targets = r.targets() == null || r.targets().isEmpty()
        ? List.of(new Target(environments.find(r.environment())
            .map(e -> e.adapterFor(adapters.defaultAdapter())).orElse(adapters.defaultAdapter()), r.service()))
        : List.copyOf(r.targets());
    return new Change(id, r.title().strip(), r.description(), r.service(), r.environment(),
        r.artifact() == null ? null : r.artifact().normalized(),
        Level.valueOf(r.impact()), Level.valueOf(r.urgency()),
        Boolean.TRUE.equals(r.regulated()), Boolean.TRUE.equals(r.securityRelevant()),
        r.standardChangeTemplate(), r.isEmergency(),
        r.emergencyJustification() == null || r.emergencyJustification().isBlank() ? null
            : r.emergencyJustification().strip(),
        instant(r.plannedStart()), instant(r.plannedEnd()), targets, r.rollbackPlan(), r.validation(),
        Boolean.TRUE.equals(r.dryRun()), requester, ChangeStatus.SUBMITTED, null, null, null, now, now);
  }

  /** The change's team and commit. */
  public ChangeOrigin origin(String id) {
    return origins.of(id);
  }

  /**
   * The team named in the request, else the requester's group (the first by name, administrators' group aside);
   * null for a requester in no group.
   */
  private ChangeOrigin originOf(ChangeRequest request, String requester) {
    String team = request.team();
    if (team == null || team.isBlank()) {
      team = identities.createGroupQuery().groupMember(requester).orderByGroupId().asc().list().stream()
          .map(org.camunda.bpm.engine.identity.Group::getId)
          .filter(group -> !ADMINISTRATORS.equals(group))
          .findFirst().orElse(null);
    }
    return new ChangeOrigin(team, request.commit() == null ? null : request.commit().normalized());
  }

  private Map<String, Object> summary(Change c, ChangeOrigin origin) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("title", c.title());
    details.put("service", c.service());
    details.put("environment", c.environment());
    details.put("environmentKind", environments.kindOf(c.environment()).name());
    if (c.artifact() != null) {
      details.put("artifact", c.artifact().name() + ":" + c.artifact().version());
      details.put("digest", c.artifact().digest());
    }
    details.put("impact", c.impact());
    details.put("urgency", c.urgency());
    details.put("standardChangeTemplate", c.standardChangeTemplate());
    details.put("emergency", c.emergency());
    details.put("dryRun", c.dryRun());
    details.put("team", origin.team());
    if (origin.commit() != null) {
      details.put("commit", origin.commit().sha());
      details.put("commitTime", origin.commit().time().toInstant().toString());
    }
    return details;
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
