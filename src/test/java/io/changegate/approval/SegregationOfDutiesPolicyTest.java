package io.changegate.approval;

import io.changegate.security.ServiceAccountOwners;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.changegate.approval.SegregationOfDutiesPolicy.Duty;
import io.changegate.approval.TaskRecords.TaskRecord;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import io.changegate.change.Level;
import io.changegate.change.Runbook;
import io.changegate.change.RunbookRepository;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The segregation-of-duties rules ({@link SegregationOfDutiesPolicy}) over a mocked change store and task records,
 * without Spring or an engine: the requester, the runbook's author, group membership, one sign-off per person.
 */
class SegregationOfDutiesPolicyTest {

  /** Requesters in these tests are people: no service account, no owner, so no database is asked. */
  private static final ServiceAccountOwners NO_SERVICE_ACCOUNTS = new ServiceAccountOwners(null);

  static final String ID = "CHG-000100";
  static final String STEP = ReviewProcess.TASK_SIGN_OFF;
  static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

  private final ChangeService changes = mock(ChangeService.class);
  private final TaskRecords records = mock(TaskRecords.class);
  private final SegregationOfDutiesPolicy policy = new SegregationOfDutiesPolicy(changes, records, NO_SERVICE_ACCOUNTS);

  @BeforeEach
  void aChangeOfRequesterWithARunbookByAuthor() {
    Change change = new Change(ID, "Rotate keys", null, "payments-api", "production", null, Level.MEDIUM,
        Level.LOW, false, true, null, false, null, null, null, List.of(), null, null, false, "requester",
        ChangeStatus.IN_REVIEW, ChangeType.NORMAL, "normal", Level.HIGH, NOW, NOW);
    when(changes.get(ID)).thenReturn(change);
    when(changes.lock(ID)).thenReturn(change);
    when(changes.runbook(ID)).thenReturn(new RunbookRepository.Authored(Runbook.empty(), "author", NOW));
    when(records.ofChange(anyString(), anyString())).thenReturn(List.of());
  }

  static TaskRecord task(String taskId, String step, Set<String> groups) {
    return new TaskRecord(taskId, ID, "pi-1", "sign-off", step, "Sign-off " + groups, groups, Set.of(), NOW, null,
        null, null, null);
  }

  static TaskRecord signed(String taskId, Set<String> groups, String by, Decision decision) {
    return new TaskRecord(taskId, ID, "pi-1", "sign-off", STEP, "Sign-off " + groups, groups, Set.of(), NOW, by,
        NOW.plusSeconds(60), decision, "");
  }

  // ------------------------------------------------------------------ the requester

  @Test
  void theRequesterReviewsApprovesAndSignsNothingOfTheirChange() {
    TaskRecord review = task("t-1", "Task_CabApproval", Set.of("cab"));
    TaskRecord signOff = task("t-2", STEP, Set.of("security"));

    assertThat(policy.refusal(Duty.REVIEW, review, "requester", List.of("cab")))
        .hasValue("requester requested " + ID);
    assertThat(policy.refusal(Duty.RUNBOOK_REVIEW, review, "requester", List.of("cab"))).isPresent();
    assertThat(policy.refusal(Duty.SIGN_OFF, signOff, "requester", List.of("security")))
        .hasValue("requester requested " + ID);
    assertThat(policy.excluded(Duty.REVIEW, review)).containsExactly("requester");
  }

  @Test
  void anyoneElseMayReviewWhateverTheirGroups() {
    TaskRecord review = task("t-1", "Task_CabApproval", Set.of("cab"));

    assertThat(policy.refusal(Duty.REVIEW, review, "cab-chair", List.of("cab"))).isEmpty();
    assertThat(policy.refusal(Duty.REVIEW, review, "reviewer", List.of())).isEmpty();
  }

  // ------------------------------------------------------------------ the runbook's author and group membership

  @Test
  void theRunbooksAuthorDoesNotReviewItButMayReviewOtherwise() {
    TaskRecord runbookReview = task("t-1", "Task_ReviewRunbook", Set.of("operations"));

    assertThat(policy.refusal(Duty.RUNBOOK_REVIEW, runbookReview, "author", List.of("operations")))
        .hasValue("author wrote the runbook of " + ID + " and cannot review it");
    assertThat(policy.refusal(Duty.REVIEW, runbookReview, "author", List.of("operations"))).isEmpty();
    assertThat(policy.excluded(Duty.RUNBOOK_REVIEW, runbookReview)).containsExactly("requester", "author");
    assertThat(policy.excluded(Duty.REVIEW, runbookReview)).containsExactly("requester");
  }

  @Test
  void aRunbookReviewOrSignOffNeedsAMemberOfTheGroupItIsFor() {
    TaskRecord runbookReview = task("t-1", "Task_ReviewRunbook", Set.of("operations"));
    TaskRecord signOff = task("t-2", STEP, sorted("legal", "security"));

    assertThat(policy.refusal(Duty.RUNBOOK_REVIEW, runbookReview, "reviewer", List.of("developers")))
        .hasValue("reviewer is not a member of operations");
    assertThat(policy.refusal(Duty.RUNBOOK_REVIEW, runbookReview, "ops-engineer", List.of("operations"))).isEmpty();
    assertThat(policy.refusal(Duty.SIGN_OFF, signOff, "cab-chair", List.of("cab", "ecab")))
        .hasValue("cab-chair is not a member of legal,security");
    assertThat(policy.refusal(Duty.SIGN_OFF, signOff, "legal-counsel", List.of("legal"))).isEmpty();
  }

  @Test
  void aTaskForNamedPeopleOnlyIsNotCheckedByGroup() {
    TaskRecord forNamedUsers = new TaskRecord("t-1", ID, "pi-1", "sign-off", STEP, "Sign-off", Set.of(),
        Set.of("cab-chair"), NOW, null, null, null, null);

    assertThat(policy.refusal(Duty.SIGN_OFF, forNamedUsers, "cab-chair", List.of())).isEmpty();
  }

  // ------------------------------------------------------------------ one sign-off per person

  @Test
  void whoSignedOneGroupsSignOffSignsNoOtherOfTheChange() {
    TaskRecord security = task("t-2", STEP, Set.of("security"));
    when(records.ofChange(ID, STEP)).thenReturn(List.of(
        signed("t-1", Set.of("cab"), "cab-chair", Decision.APPROVE), security));

    assertThat(policy.refusal(Duty.SIGN_OFF, security, "cab-chair", List.of("cab", "security")))
        .hasValue("cab-chair already signed off " + ID + " for cab; one person gives one sign-off per change");
    assertThat(policy.refusal(Duty.SIGN_OFF, security, "security-officer", List.of("security"))).isEmpty();
    assertThat(policy.excluded(Duty.SIGN_OFF, security)).containsExactly("requester", "cab-chair");
  }

  @Test
  void theSameGroupsSignOffOfAnEarlierRoundAndTasksWithoutADecisionDoNotCount() {
    TaskRecord cabAgain = task("t-3", STEP, Set.of("cab"));
    when(records.ofChange(ID, STEP)).thenReturn(List.of(
        signed("t-1", Set.of("cab"), "cab-chair", Decision.REQUEST_CHANGES),
        signed("t-2", Set.of("security"), "ops-lead", null),
        cabAgain));

    assertThat(policy.refusal(Duty.SIGN_OFF, cabAgain, "cab-chair", List.of("cab"))).isEmpty();
    assertThat(policy.refusal(Duty.SIGN_OFF, cabAgain, "ops-lead", List.of("cab"))).isEmpty();
    assertThat(policy.excluded(Duty.SIGN_OFF, cabAgain)).containsExactly("requester");
  }

  @Test
  void decidingASignOffLocksTheChangeSoTwoSignOffsOfOnePersonQueue() {
    policy.refusal(Duty.SIGN_OFF, task("t-1", STEP, Set.of("cab")), "cab-chair", List.of("cab"));
    verify(changes).lock(ID);
    verify(changes, never()).get(ID);

    policy.refusal(Duty.REVIEW, task("t-2", "Task_CabApproval", Set.of("cab")), "cab-chair", List.of("cab"));
    verify(changes).get(ID);
  }

  /** Groups as the task records hold them: sorted. */
  static Set<String> sorted(String... groups) {
    return new TreeSet<>(List.of(groups));
  }
}
