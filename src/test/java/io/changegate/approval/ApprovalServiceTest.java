package io.changegate.approval;

import io.changegate.audit.AuditAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.changegate.approval.ApprovalService.Amendment;
import io.changegate.approval.ApprovalService.RunbookConfirmation;
import io.changegate.approval.ApprovalService.TaskDecision;
import io.changegate.approval.TaskRecords.TaskRecord;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.change.Level;
import io.changegate.change.Runbook;
import io.changegate.change.RunbookRepository;
import io.changegate.engine.GovernanceRefusal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Decisions, runbook reviews, amendments and the review context ({@link ApprovalService}), without Spring. */
class ApprovalServiceTest {

  static final String ID = "CHG-000200";
  static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

  private final ChangeService changes = mock(ChangeService.class);
  private final TaskRecords records = mock(TaskRecords.class);
  private final AuditTrail audit = mock(AuditTrail.class);
  private final ApprovalService approvals = new ApprovalService(changes, records, audit,
      org.mockito.Mockito.mock(io.changegate.supplychain.ScanGate.class), io.changegate.support.Catalogs.demo(),
      new io.changegate.security.ServiceAccountOwners(null),
      org.mockito.Mockito.mock(io.changegate.calendar.ServiceDependencyService.class));

  static Change change(String description, Level riskLevel) {
    return new Change(ID, "Rotate keys", description, "payments-api", "production", null, Level.MEDIUM, Level.LOW,
        true, false, null, false, null, null, null, List.of(), null, null, false, "requester", ChangeStatus.IN_REVIEW,
        ChangeType.NORMAL, null, riskLevel, NOW, NOW);
  }

  static TaskDecision decision(String value, String comment) {
    return new TaskDecision(ID, "t-1", "CAB approval", "Task_CabApproval", "cab-chair", value, comment);
  }

  // ------------------------------------------------------------------ decisions

  @Test
  void aDecisionTheStepDoesNotOfferIsRefusedAndNothingIsRecorded() {
    for (String value : new String[] {null, "", "MAYBE", "approve"}) {
      assertThatThrownBy(() -> approvals.decide(decision(value, "ok"), null))
          .isInstanceOf(GovernanceRefusal.class)
          .hasMessage("'CAB approval' needs a decision: one of APPROVE, REJECT, REQUEST_CHANGES (variable 'decision')");
    }
    assertThatThrownBy(() -> approvals.decide(decision("REQUEST_CHANGES", "ok"), "APPROVE,REJECT"))
        .isInstanceOf(GovernanceRefusal.class).hasMessageContaining("one of APPROVE,REJECT");
    verifyNoInteractions(records, audit);
  }

  @Test
  void aRejectionNeedsAComment() {
    assertThatThrownBy(() -> approvals.decide(decision("REJECT", " "), null))
        .isInstanceOf(GovernanceRefusal.class).hasMessageContaining("A rejection needs a comment");
    assertThatThrownBy(() -> approvals.decide(decision("REJECT", null), "APPROVE, REJECT"))
        .isInstanceOf(GovernanceRefusal.class).hasMessageContaining("A rejection needs a comment");
    verifyNoInteractions(records, audit);
  }

  @Test
  void anAcceptedDecisionIsRecordedOnceInTheTaskRecordsAndTheAuditTrailWithItsGroup() {
    when(records.find("t-1")).thenReturn(Optional.of(new TaskRecord("t-1", ID, "pi-1", "normal-change",
        "Task_CabApproval", "CAB approval", sorted("cab", "ecab"), Set.of(), NOW, null, null, null, null)));

    assertThat(approvals.decide(decision("APPROVE", null), "APPROVE, REJECT")).isEqualTo(Decision.APPROVE);

    verify(records).decided("t-1", Decision.APPROVE, "");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", "CAB approval");
    details.put("step", "Task_CabApproval");
    details.put("group", "cab,ecab");
    details.put("decision", "APPROVE");
    details.put("comment", "");
    verify(audit).record("cab-chair", AuditAction.DECISION, ID, details);
  }

  @Test
  void aTaskWithoutARecordIsDecidedWithoutAGroup() {
    when(records.find("t-1")).thenReturn(Optional.empty());

    approvals.decide(decision("REJECT", "Secrets in the image"), null);

    verify(records).decided("t-1", Decision.REJECT, "Secrets in the image");
    verify(audit).record("cab-chair", AuditAction.DECISION, ID, Map.of("task", "CAB approval",
        "step", "Task_CabApproval", "group", "", "decision", "REJECT", "comment", "Secrets in the image"));
  }

  // ------------------------------------------------------------------ runbook review

  @Test
  void onlyAnApprovalOfTheRunbookIsChecked() {
    RunbookConfirmation none = new RunbookConfirmation(null, null, null, null);

    approvals.checkRunbookReview(ID, "REQUEST_CHANGES", none);
    approvals.checkRunbookReview(ID, null, none);

    verifyNoInteractions(changes);
  }

  @Test
  void aRunbookWithoutStepsOrRollbackStepsCannotBeApproved() {
    when(changes.runbook(ID)).thenReturn(new RunbookRepository.Authored(
        Runbook.fromLines("Check backups", "", "Check errors", ""), "requester", NOW));
    RunbookConfirmation all = new RunbookConfirmation(true, true, true, true);

    assertThatThrownBy(() -> approvals.checkRunbookReview(ID, "APPROVE", all))
        .isInstanceOf(GovernanceRefusal.class)
        .hasMessage("A runbook cannot be approved when the runbook has no steps and the runbook has no rollback "
            + "steps; request changes instead");
  }

  @Test
  void anApprovalConfirmsEveryPartWasVerified() {
    when(changes.runbook(ID)).thenReturn(new RunbookRepository.Authored(
        Runbook.fromLines("", "Deploy", "", "Roll back"), "requester", NOW));

    assertThatThrownBy(() -> approvals.checkRunbookReview(ID, "APPROVE",
        new RunbookConfirmation(true, false, null, true)))
        .isInstanceOf(GovernanceRefusal.class)
        .hasMessage("Approving the runbook confirms every part was verified; not confirmed: steps (stepsVerified), "
            + "post-checks (postChecksVerified)");
    approvals.checkRunbookReview(ID, "APPROVE", new RunbookConfirmation(true, true, true, true));
  }

  // ------------------------------------------------------------------ amendments

  @Test
  void onlyTheRequesterAmendsTheirChange() {
    when(changes.get(ID)).thenReturn(change("Old", null));
    Amendment amendment = new Amendment("New", "Roll back", Runbook.empty(), "as asked");

    assertThatThrownBy(() -> approvals.amend(ID, "reviewer", amendment))
        .isInstanceOf(GovernanceRefusal.class)
        .hasMessage("Only requester, who requested " + ID + ", can amend it; reviewer cannot (segregation of duties)");
    verify(changes, never()).amend(anyString(), any(), any(), any(), anyString(), any());

    approvals.amend(ID, "requester", amendment);
    verify(changes).amend(ID, "New", "Roll back", Runbook.empty(), "requester", "as asked");
  }

  @Test
  void anInvalidAmendmentIsRefusedWithEveryField() {
    when(changes.get(ID)).thenReturn(change("Old", null));
    doThrow(new InvalidRequestException("invalid", List.of(new FieldError("description", "must be at most 4000 "
        + "characters"), new FieldError("runbook.steps[0]", "must not be blank"))))
        .when(changes).amend(anyString(), any(), any(), any(), anyString(), any());

    assertThatThrownBy(() -> approvals.amend(ID, "requester", new Amendment("x", null, Runbook.empty(), null)))
        .isInstanceOf(GovernanceRefusal.class)
        .hasMessage("The amendment is not valid: description must be at most 4000 characters; runbook.steps[0] "
            + "must not be blank");
  }

  @Test
  void aReworkRequestSaysWhichStepAndGroupAskedWhat() {
    assertThat(approvals.reworkRequest("Sign-off", "security", "Pin the image"))
        .isEqualTo("Sign-off (security) asked: Pin the image");
    assertThat(approvals.reworkRequest("Runbook review", null, " ")).isEqualTo("Runbook review () asked: (no comment)");
  }

  // ------------------------------------------------------------------ the review context

  @Test
  void theReviewContextComesFromTheChangeStoreAndTheTaskRecords() {
    when(changes.get(ID)).thenReturn(change(null, Level.HIGH));
    when(changes.runbook(ID)).thenReturn(new RunbookRepository.Authored(
        Runbook.fromLines("Check backups", "Deploy\nMigrate", "", "Roll back"), "ops-engineer", NOW));
    when(records.decisionsOf(ID)).thenReturn(List.of(
        new TaskRecord("t-1", ID, "pi-1", "normal-change", "Task_ReviewRunbook", "Review runbook", Set.of("operations"),
            Set.of(), NOW, "ops-lead", Instant.parse("2026-11-02T10:05:00Z"), Decision.REQUEST_CHANGES, "More steps"),
        new TaskRecord("t-2", ID, "pi-1", "normal-change", "Task_ReviewRunbook", "Review runbook", Set.of("operations"),
            Set.of(), NOW, "ops-lead", Instant.parse("2026-11-02T11:30:00Z"), Decision.APPROVE, null)));

    ReviewContext context = approvals.reviewContext(ID);

    assertThat(context).isEqualTo(new ReviewContext("", "", "", "MEDIUM", "production", "PRODUCTION", "operations", true, false, "HIGH",
        "1. Check backups", "1. Deploy\n2. Migrate", "", "1. Roll back", "ops-engineer",
        "2026-11-02 10:05 UTC · ops-lead (operations) · Review runbook · REQUEST_CHANGES · \"More steps\"\n"
            + "2026-11-02 11:30 UTC · ops-lead (operations) · Review runbook · APPROVE", "", ""));
  }

  @Test
  void withoutDecisionsOrRiskLevelTheContextSaysSo() {
    when(changes.get(ID)).thenReturn(change("Rotate the signing keys", null));
    when(changes.runbook(ID)).thenReturn(new RunbookRepository.Authored(Runbook.empty(), null, null));
    when(records.decisionsOf(ID)).thenReturn(List.of());

    ReviewContext context = approvals.reviewContext(ID);

    assertThat(context.description()).isEqualTo("Rotate the signing keys");
    assertThat(context.riskLevel()).isEmpty();
    assertThat(context.earlierDecisions()).isEqualTo("No decisions yet.");
  }

  /** Groups as the task records hold them: sorted. */
  static Set<String> sorted(String... groups) {
    return new TreeSet<>(List.of(groups));
  }
}
