package io.changegate.approval;

import io.changegate.audit.AuditAction;
import static io.changegate.approval.ReviewProcess.POST_CHECKS_VERIFIED;
import static io.changegate.approval.ReviewProcess.PRE_CHECKS_VERIFIED;
import static io.changegate.approval.ReviewProcess.ROLLBACK_STEPS_VERIFIED;
import static io.changegate.approval.ReviewProcess.STEPS_VERIFIED;

import io.changegate.audit.AuditTrail;
import io.changegate.calendar.ServiceDependencyService;
import io.changegate.supplychain.ScanGate;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.EnvironmentCatalog;
import io.changegate.change.EnvironmentFacts;
import io.changegate.security.ServiceAccountOwners;
import io.changegate.web.InvalidRequestException;
import io.changegate.change.Runbook;
import io.changegate.change.RunbookRepository;
import io.changegate.engine.GovernanceRefusal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of reviews and approvals beyond who may decide ({@link SegregationOfDutiesPolicy}): what a decision must
 * carry and where it is recorded, what an approved runbook must have, who amends a change, and what a reviewer reads.
 * Every fact comes from the change store and the task records; each write runs in the caller's transaction (the
 * engine's, when a task completes), so a refusal leaves the task open and nothing stored.
 */
@Service
public class ApprovalService {


  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final ChangeService changes;
  private final TaskRecords records;
  private final AuditTrail audit;
  private final ScanGate scans;
  private final EnvironmentCatalog environments;
  private final ServiceDependencyService dependencies;
  private final ServiceAccountOwners owners;

  public ApprovalService(ChangeService changes, TaskRecords records, AuditTrail audit, ScanGate scans,
      EnvironmentCatalog environments, ServiceAccountOwners owners, ServiceDependencyService dependencies) {
    this.owners = owners;
    this.dependencies = dependencies;
    this.changes = changes;
    this.records = records;
    this.audit = audit;
    this.scans = scans;
    this.environments = environments;
  }

  // ------------------------------------------------------------------ decisions

  /**
   * A decision as the completion of an approval, review or sign-off task carries it: the task's own {@code decision}
   * and {@code comment} (either may be missing), and who completes it.
   */
  public record TaskDecision(String changeId, String taskId, String taskName, String step, String actor,
      String decision, String comment) {}

  /**
   * Accepts a decision the step offers ({@code allowed}: a comma-separated list of {@link Decision} names, or
   * {@code null} for all) and a rejection only with a comment that says why; records it once, in the task records
   * (which the later rules read) and in the audit trail with the group the task was created for.
   */
  @Transactional
  public Decision decide(TaskDecision task, String allowed) {
    String offered = allowed == null
        ? Arrays.stream(Decision.values()).map(Enum::name).collect(Collectors.joining(", ")) : allowed;
    if (task.decision() == null
        || Arrays.stream(offered.split(",")).map(String::strip).noneMatch(task.decision()::equals)) {
      throw new GovernanceRefusal("'" + task.taskName() + "' needs a decision: one of " + offered
          + " (variable 'decision')");
    }
    Decision decision = Decision.valueOf(task.decision());
    String comment = task.comment() == null ? "" : task.comment();
    if (decision == Decision.REJECT && comment.isBlank()) {
      throw new GovernanceRefusal("A rejection needs a comment that says why (variable 'comment')");
    }

    String group = records.find(task.taskId()).map(TaskRecords.TaskRecord::groupLabel).orElse("");
    records.decided(task.taskId(), decision, comment);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", task.taskName());
    details.put("step", task.step());
    details.put("group", group);
    details.put("decision", decision.name());
    details.put("comment", comment);
    audit.record(task.actor(), AuditAction.DECISION, task.changeId(), details);
    return decision;
  }

  // ------------------------------------------------------------------ runbook review

  /** What the runbook's reviewer confirmed they verified (a missing confirmation is none). */
  public record RunbookConfirmation(Boolean preChecks, Boolean steps, Boolean postChecks, Boolean rollbackSteps) {}

  /**
   * An approval of the runbook ({@code decision} APPROVE; any other decision passes) confirms that the reviewer
   * verified each part — pre-checks, steps, post-checks, rollback steps — and the runbook must have steps and
   * rollback steps to verify. Otherwise it is refused.
   */
  public void checkRunbookReview(String changeId, String decision, RunbookConfirmation confirmed) {
    if (!Decision.APPROVE.name().equals(decision)) {
      return;
    }
    Runbook runbook = changes.runbook(changeId).runbook();
    List<String> problems = new ArrayList<>();
    if (runbook.steps().isEmpty()) {
      problems.add("the runbook has no steps");
    }
    if (runbook.rollbackSteps().isEmpty()) {
      problems.add("the runbook has no rollback steps");
    }
    if (!problems.isEmpty()) {
      throw new GovernanceRefusal("A runbook cannot be approved when " + String.join(" and ", problems)
          + "; request changes instead");
    }
    List<String> unverified = new ArrayList<>();
    if (!Boolean.TRUE.equals(confirmed.preChecks())) {
      unverified.add("pre-checks (" + PRE_CHECKS_VERIFIED.name() + ")");
    }
    if (!Boolean.TRUE.equals(confirmed.steps())) {
      unverified.add("steps (" + STEPS_VERIFIED.name() + ")");
    }
    if (!Boolean.TRUE.equals(confirmed.postChecks())) {
      unverified.add("post-checks (" + POST_CHECKS_VERIFIED.name() + ")");
    }
    if (!Boolean.TRUE.equals(confirmed.rollbackSteps())) {
      unverified.add("rollback steps (" + ROLLBACK_STEPS_VERIFIED.name() + ")");
    }
    if (!unverified.isEmpty()) {
      throw new GovernanceRefusal("Approving the runbook confirms every part was verified; not confirmed: "
          + String.join(", ", unverified));
    }
  }

  // ------------------------------------------------------------------ rework

  /** What a requester submits when they rework their change. */
  public record Amendment(String description, String rollbackPlan, Runbook runbook, String note) {}

  /**
   * Only the requester (or the owner of the service account that requested it) amends their change; the amendment is validated like an intake and stored, so the step that
   * asked for it sees the amended change.
   */
  @Transactional
  public void amend(String changeId, String actor, Amendment amendment) {
    String requester = changes.get(changeId).requester();
    if (!owners.actsAs(actor, requester)) {
      throw new GovernanceRefusal("Only " + requester + ", who requested " + changeId + ", can amend it"
          + owners.ownerOf(requester).map(owner -> " (or " + owner + ", who owns it)").orElse("") + "; "
          + actor + " cannot (segregation of duties)");
    }
    try {
      changes.amend(changeId, amendment.description(), amendment.rollbackPlan(), amendment.runbook(), actor,
          amendment.note());
    } catch (InvalidRequestException e) {
      throw new GovernanceRefusal("The amendment is not valid: " + e.errors().stream()
          .map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")));
    }
  }

  /** What was asked of the requester, by which step and group, as they read it on the rework task. */
  public String reworkRequest(String step, String group, String request) {
    return step + " (" + (group == null ? "" : group) + ") asked: "
        + (request == null || request.isBlank() ? "(no comment)" : request);
  }

  // ------------------------------------------------------------------ what a reviewer reads

  /**
   * What a reviewer needs to decide, fresh from the change store and the task records: the change as amended so
   * far, the facts the sign-off decision reads, its runbook (one line per item) and every earlier decision.
   */
  public ReviewContext reviewContext(String changeId) {
    Change change = changes.get(changeId);
    RunbookRepository.Authored authored = changes.runbook(changeId);
    Runbook runbook = authored.runbook();
    Optional<EnvironmentFacts> environment = environments.find(change.environment());
    return new ReviewContext(orEmpty(change.description()), orEmpty(change.rollbackPlan()),
        orEmpty(change.classificationReason()), change.impact().name(), change.environment(),
        environments.kindOf(change.environment()).name(), environment.map(EnvironmentFacts::ownerGroup).orElse(""),
        change.regulated(), change.securityRelevant() || scans.needsSecuritySignOff(changeId),
        change.riskLevel() == null ? "" : change.riskLevel().name(),
        Runbook.toLines(runbook.preChecks()), Runbook.toLines(runbook.steps()), Runbook.toLines(runbook.postChecks()),
        Runbook.toLines(runbook.rollbackSteps()), authored.author(), earlierDecisions(changeId),
        orEmpty(scans.findingsText(changeId)), orEmpty(dependencies.describeDependents(changeId)));
  }

  /** Every decision so far, oldest first, one line each: when, who, for which group and step, and why. */
  String earlierDecisions(String changeId) {
    List<String> lines = new ArrayList<>();
    for (TaskRecords.TaskRecord decided : records.decisionsOf(changeId)) {
      String comment = decided.comment() == null ? "" : decided.comment();
      lines.add(WHEN.format(decided.completedAt()) + " · " + decided.completedBy() + " (" + decided.groupLabel()
          + ") · " + decided.name() + " · " + decided.decision() + (comment.isBlank() ? "" : " · \"" + comment + "\""));
    }
    return lines.isEmpty() ? "No decisions yet." : String.join("\n", lines);
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
