package io.changegate.processes;

import io.changegate.risk.FmeaProcess;
import io.changegate.change.ChangeProcess;
import static io.changegate.calendar.process.CalendarProcess.NEW_PLANNED_END;
import static io.changegate.calendar.process.CalendarProcess.NEW_PLANNED_START;
import static io.changegate.calendar.process.CalendarProcess.RESCHEDULED_BY;
import static io.changegate.calendar.process.CalendarProcess.SUGGESTED_SLOT;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.CLASSIFICATION_REASON;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;
import static io.changegate.change.ChangeProcess.DEPLOYMENT;
import static io.changegate.change.ChangeProcess.NORMAL_CHANGE;
import static io.changegate.change.ChangeProcess.REQUESTER;
import static io.changegate.processes.CalendarVerdicts.blocked;
import static io.changegate.processes.CalendarVerdicts.clear;
import static io.changegate.processes.CalendarVerdicts.notYet;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.identityService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.changegate.engine.GovernanceRefusal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

/**
 * processes/normal-change.bpmn: the FMEA review (a stand-in of fmea-review here, which has a test of its own)
 * rates the risk; a HIGH risk goes through the runbook peer review; the real sign-off process collects the
 * sign-offs the table requires; rejections end the change REJECTED with their reason and requests for changes
 * go back to the requester, then to the step that asked. A signed-off change is scheduled (it waits for its
 * planned start; a slot in a blackout gives the requester a task to pick a new one), then deployed and
 * validated by the real deployment process (its calls out mocked).
 */
@Deployment(resources = {ProcessTestSupport.NORMAL_CHANGE_BPMN, ProcessTestSupport.DEPLOYMENT_BPMN,
    ProcessTestSupport.SIGN_OFF_BPMN, ProcessTestSupport.REQUIRED_SIGN_OFFS_DMN})
class NormalChangeProcessTest extends ProcessTestSupport {

  static final String START = "StartEvent_NormalChangeStarted";
  static final String FMEA_REVIEW = "CallActivity_FmeaReview";
  static final String END_FMEA_REJECTED = "EndEvent_FmeaRejected";
  static final String REVIEW_RUNBOOK = "Task_ReviewRunbook";
  static final String AMEND_FOR_RUNBOOK = "Task_AmendForRunbookReview";
  static final String END_RUNBOOK_REJECTED = "EndEvent_RunbookRejected";
  static final String SIGN_OFF = "CallActivity_SignOff";
  static final String CHECK_REHEARSAL = "Task_CheckRollbackRehearsal";
  static final String REHEARSE_ROLLBACK = "Task_RehearseRollback";
  static final String AMEND_FOR_SIGN_OFF = "Task_AmendForSignOff";
  static final String CHECK_CALENDAR = "Task_CheckPlannedSlot";
  static final String SLOT_VERDICT = "Gateway_NormalSlotVerdict";
  static final String PICK_NEW_SLOT = "Task_PickNewSlot";
  static final String MOVE_TO_NEW_SLOT = "Task_MoveToNewSlot";
  static final String PLANNED_START_REACHED = "Event_NormalPlannedStartReached";
  static final String DEPLOY = "CallActivity_DeployApprovedChange";
  static final String END_DONE = "EndEvent_NormalChangeDone";
  static final String END_REJECTED = "EndEvent_NormalChangeRejected";

  static final String REQUESTER_ID = "requester";

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  private String standIn;

  /** fmea-review as the caller sees it: the test completes its one task with riskLevel and fmeaDecision. */
  @BeforeEach
  void fmeaReviewStandIn() {
    standIn = deployFmeaReviewStandIn();
    // segregation of duties has tests of its own (SignOffProcessTest, the API tests); here it lets everyone pass
    org.camunda.bpm.engine.test.mock.Mocks.register("segregationOfDuties", Mockito.mock(
        io.changegate.approval.process.SegregationOfDutiesListener.class));
  }

  @AfterEach
  void removeFmeaReviewStandIn() {
    processEngine.getRepositoryService().deleteDeployment(standIn, true);
  }

  private ProcessInstance startNormalChange() {
    beans.loadChangeForReview.then(e -> REQUESTER.set(e, REQUESTER_ID));
    return runtimeService().startProcessInstanceByKey(NORMAL_CHANGE, CHANGE, withVariables(
        CHANGE_ID.name(), CHANGE, CLASSIFICATION_REASON.name(), "No pre-approved template named"));
  }

  /** Completes the FMEA review stand-in with a rating and a decision. */
  private void fmeaReviewed(ProcessInstance change, String riskLevel, String decision, String comment) {
    ProcessInstance review = calledProcessInstance("fmea-review", change);
    Task task = taskQuery().processInstanceId(review.getId()).singleResult();
    complete(task, withVariables(ChangeProcess.RISK_LEVEL.name(), riskLevel, FmeaProcess.FMEA_DECISION.name(), decision, FmeaProcess.FMEA_COMMENT.name(), comment));
  }

  private ProcessInstance signOffRound(ProcessInstance change) {
    return runtimeService().createProcessInstanceQuery().superProcessInstanceId(change.getId())
        .processDefinitionKey("sign-off").singleResult();
  }

  private void runJobs(ProcessInstance instance) {
    for (Job job : managementService().createJobQuery().processInstanceId(instance.getId()).messages().list()) {
      execute(job);
    }
  }

  @Test
  void theFmeaReviewIsCalledWithTheChangeIdAsBusinessKey() {
    ProcessInstance change = startNormalChange();

    Assertions.assertThat(beans.loadChangeForReview.onlyRun().activityId()).isEqualTo(START);
    assertThat(change).isWaitingAt(FMEA_REVIEW);
    ProcessInstance review = calledProcessInstance("fmea-review", change);
    assertThat(review).hasBusinessKey(CHANGE).variables().containsEntry(CHANGE_ID.name(), CHANGE);
    Assertions.assertThat(beans.changeStatus.statuses()).isEmpty();
  }

  @Test
  void aRejectedFmeaEndsTheChangeRejectedWithTheAssessorsReason() {
    ProcessInstance change = startNormalChange();

    fmeaReviewed(change, "HIGH", "REJECT", "Detection scores are guesses");

    assertThat(change).isEnded().hasPassed(END_FMEA_REJECTED).hasNotPassed(REVIEW_RUNBOOK, SIGN_OFF, DEPLOY);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("REJECTED");
    Assertions.assertThat(beans.changeStatus.rejectionReasons()).containsExactly("Detection scores are guesses");
  }

  @Test
  void aLowRiskChangeSkipsThePeerReviewAndWhenSignedOffIsScheduledDeployedValidatedAndDone() {
    beans.reviewContext.facts.put("environmentKind", "PRODUCTION");
    ProcessInstance change = startNormalChange();

    fmeaReviewed(change, "LOW", "APPROVE", null);

    assertThat(change).hasNotPassed(REVIEW_RUNBOOK).isWaitingAt(SIGN_OFF);
    ProcessInstance round = signOffRound(change);
    assertThat(round).hasBusinessKey(CHANGE);
    Task operations = taskQuery().processInstanceId(round.getId()).singleResult();
    Assertions.assertThat(operations.getName()).isEqualTo("Sign off (operations)");

    complete(operations, withVariables(DECISION.name(), "APPROVE"));
    runJobs(round);

    assertThat(round).isEnded();
    assertThat(change).hasPassedInOrder(SIGN_OFF, CHECK_CALENDAR).isWaitingAt(DEPLOY);
    DeploymentProcessTest.runToEnd(calledProcessInstance(DEPLOYMENT, change));
    assertThat(change).isEnded().hasPassed(END_DONE).hasNotPassed(END_REJECTED);
    Assertions.assertThat(beans.changeStatus.statuses())
        .containsExactly("APPROVED", "DEPLOYING", "VALIDATING", "COMPLETED");
  }

  @Test
  void withoutARehearsedRollbackTheSignOffsWaitAndOperationsGetATaskThatIsRefusedUntilThereIsOne() {
    beans.checkRollbackRehearsal.then(e -> io.changegate.rollback.RollbackProcess.REHEARSAL_VERDICT.set(e, "MISSING"));
    beans.rehearsalTasks.refuseWith(task -> {
      throw new io.changegate.engine.GovernanceRefusal("no passed rehearsal of the digest in staging");
    });
    beans.reviewContext.facts.put("environmentKind", "PRODUCTION"); // operations sign off: the round waits
    ProcessInstance change = startNormalChange();
    fmeaReviewed(change, "LOW", "APPROVE", null);

    assertThat(change).isWaitingAt(REHEARSE_ROLLBACK).hasPassed(CHECK_REHEARSAL).hasNotPassed(SIGN_OFF);
    Task rehearse = taskQuery().processInstanceId(change.getId()).singleResult();
    Assertions.assertThat(processEngine.getTaskService().getIdentityLinksForTask(rehearse.getId()))
        .extracting(l -> l.getGroupId()).containsExactly("operations");
    Assertions.assertThatThrownBy(() -> complete(rehearse)).hasMessageContaining("no passed rehearsal");
    assertThat(change).isWaitingAt(REHEARSE_ROLLBACK);

    beans.rehearsalTasks.refuseWith(task -> { });
    beans.checkRollbackRehearsal.then(e -> io.changegate.rollback.RollbackProcess.REHEARSAL_VERDICT.set(e, "REHEARSED"));
    complete(rehearse);
    runJobs(change);

    assertThat(change).isWaitingAt(SIGN_OFF);
    Assertions.assertThat(beans.checkRollbackRehearsal.runs()).hasSize(2);
  }

  @Test
  void aHighRiskChangeIsPeerReviewedAndARequestForChangesGoesToTheRequesterThenBackToTheReview() {
    beans.reviewContext.facts.put("riskLevel", "HIGH"); // the CAB signs off a HIGH-risk change
    ProcessInstance change = startNormalChange();
    fmeaReviewed(change, "HIGH", "APPROVE", null);

    assertThat(change).isWaitingAt(REVIEW_RUNBOOK);
    Task review = taskQuery().processInstanceId(change.getId()).initializeFormKeys().singleResult();
    assertThat(review).hasCandidateGroup("developers").hasName("Peer-review the runbook");
    Assertions.assertThat(review.getCamundaFormRef().getKey()).isEqualTo("runbook-review");

    complete(review, withVariables(DECISION.name(), "REQUEST_CHANGES", COMMENT.name(), "Rollback steps missing"));
    execute(job(change));

    assertThat(change).isWaitingAt(AMEND_FOR_RUNBOOK);
    Task amend = taskQuery().processInstanceId(change.getId()).initializeFormKeys().singleResult();
    Assertions.assertThat(amend.getCamundaFormRef().getKey()).isEqualTo("amend-change");
    Assertions.assertThat(candidates(amend)).containsExactly("user:" + REQUESTER_ID);
    Assertions.assertThat(beans.reviewContext.reworkRequests())
        .containsExactly("Runbook peer review (developers): Rollback steps missing");

    complete(amend);
    execute(job(change));
    Mockito.verify(beans.amendChange).apply(ArgumentMatchers.any());

    assertThat(change).isWaitingAt(REVIEW_RUNBOOK);
    Assertions.assertThat(runtimeService().getVariable(change.getId(), DECISION.name()))
        .as("the earlier decision does not count for the second review").isNull();
    complete(task(change), withVariables(DECISION.name(), "APPROVE"));
    execute(job(change));

    assertThat(change).hasPassedInOrder(REVIEW_RUNBOOK, AMEND_FOR_RUNBOOK, REVIEW_RUNBOOK).isWaitingAt(SIGN_OFF);
    Assertions.assertThat(taskQuery().processInstanceId(signOffRound(change).getId()).singleResult().getName())
        .isEqualTo("Sign off (cab)");
    Mockito.verify(beans.runbookReview, Mockito.times(2)).check(ArgumentMatchers.any());
    Assertions.assertThat(beans.reviewContext.loadedForTasks())
        .containsExactly(REVIEW_RUNBOOK, AMEND_FOR_RUNBOOK, REVIEW_RUNBOOK);
  }

  @Test
  void aRejectedRunbookEndsTheChangeRejected() {
    ProcessInstance change = startNormalChange();
    fmeaReviewed(change, "HIGH", "APPROVE", null);

    complete(task(change), withVariables(DECISION.name(), "REJECT", COMMENT.name(), "Steps cannot be run as written"));
    execute(job(change));

    assertThat(change).isEnded().hasPassed(END_RUNBOOK_REJECTED).hasNotPassed(SIGN_OFF);
    Assertions.assertThat(beans.changeStatus.rejectionReasons()).containsExactly("Steps cannot be run as written");
  }

  @Test
  void aSignOffRequestForChangesGoesToTheRequesterAndThenEveryGroupSignsAgain() {
    beans.reviewContext.facts.putAll(Map.of("regulated", true, "environmentKind", "PRODUCTION"));
    ProcessInstance change = startNormalChange();
    fmeaReviewed(change, "MEDIUM", "APPROVE", null);
    ProcessInstance first = signOffRound(change);
    Task legal = taskQuery().processInstanceId(first.getId()).taskCandidateGroup("legal").singleResult();

    complete(legal, withVariables(DECISION.name(), "REQUEST_CHANGES", COMMENT.name(), "Name the data processor"));
    runJobs(first);

    assertThat(first).isEnded();
    assertThat(change).isWaitingAt(AMEND_FOR_SIGN_OFF);
    Assertions.assertThat(beans.reviewContext.reworkRequests())
        .containsExactly("Sign-off (legal): Name the data processor");
    complete(task(change));
    execute(job(change));

    ProcessInstance second = signOffRound(change);
    Assertions.assertThat(second.getId()).isNotEqualTo(first.getId());
    Assertions.assertThat(taskQuery().processInstanceId(second.getId()).list()).extracting(Task::getName)
        .containsExactlyInAnyOrder("Sign off (legal)", "Sign off (operations)");
  }

  @Test
  void aSignOffRejectionEndsTheChangeRejectedWithTheComment() {
    beans.reviewContext.facts.put("securityRelevant", true);
    ProcessInstance change = startNormalChange();
    fmeaReviewed(change, "LOW", "APPROVE", null);
    ProcessInstance round = signOffRound(change);

    complete(task(round), withVariables(DECISION.name(), "REJECT", COMMENT.name(), "Unpatched CVE in the base image"));
    runJobs(round);

    assertThat(change).isEnded().hasPassed(END_REJECTED).hasNotPassed(CHECK_CALENDAR, DEPLOY);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("REJECTED");
    Assertions.assertThat(beans.changeStatus.rejectionReasons()).containsExactly("Unpatched CVE in the base image");
  }

  /** A LOW-risk change that needs no sign-off: signed off at once, then scheduled. */
  private ProcessInstance approvedNormalChange() {
    ProcessInstance change = startNormalChange();
    fmeaReviewed(change, "LOW", "APPROVE", null);
    return change;
  }

  private static java.util.List<String> candidates(Task task) {
    return org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService()
        .getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> "candidate".equals(link.getType()))
        .map(link -> link.getUserId() != null ? "user:" + link.getUserId() : "group:" + link.getGroupId())
        .toList();
  }

  private Job timerOf(ProcessInstance change) {
    return managementService().createJobQuery().processInstanceId(change.getId()).timers().singleResult();
  }

  @Test
  void approvedChangePlannedLaterWaitsForItsPlannedStartThenIsCheckedAgainAndDeploys() {
    Instant plannedStart = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    beans.checkCalendar.then(CalendarVerdicts.of(notYet(plannedStart), clear()));

    ProcessInstance change = approvedNormalChange();

    assertThat(change).isWaitingAt(PLANNED_START_REACHED).hasNotPassed(DEPLOY);
    Assertions.assertThat(timerOf(change).getDuedate()).isEqualTo(Date.from(plannedStart));
    Assertions.assertThat(taskQuery().processInstanceId(change.getId()).count()).as("nobody is asked").isZero();

    execute(timerOf(change));

    assertThat(change).hasPassedInOrder(CHECK_CALENDAR, PLANNED_START_REACHED, CHECK_CALENDAR).isWaitingAt(DEPLOY)
        .hasNotPassed(PICK_NEW_SLOT);
    ProcessInstance deployment = calledProcessInstance(DEPLOYMENT, change);
    DeploymentProcessTest.runToEnd(deployment);
    assertThat(change).isEnded().hasPassed(END_DONE);
  }

  @Test
  void slotInABlackoutGivesTheRequesterATaskWithTheNextFreeSlotSuggested() {
    Instant nextFreeSlot = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    beans.checkCalendar.then(CalendarVerdicts.of(blocked(nextFreeSlot), clear()));

    ProcessInstance change = approvedNormalChange();

    assertThat(change).isWaitingAt(PICK_NEW_SLOT).hasNotPassed(DEPLOY);
    Task pick = taskQuery().processInstanceId(change.getId()).initializeFormKeys().singleResult();
    Assertions.assertThat(pick.getName()).isEqualTo("Pick a new slot");
    Assertions.assertThat(pick.getCamundaFormRef().getKey()).isEqualTo("reschedule-change");
    Assertions.assertThat(pick.getCamundaFormRef().getBinding()).isEqualTo("latest");
    Assertions.assertThat(candidates(pick))
        .containsExactlyInAnyOrder("user:" + REQUESTER_ID, "group:operations");
    // the form opens with the suggestion filled in
    Map<String, Object> form = runtimeService().getVariables(change.getId());
    Assertions.assertThat(form).containsEntry(NEW_PLANNED_START.name(), nextFreeSlot.toString())
        .containsEntry(NEW_PLANNED_END.name(), nextFreeSlot.plus(1, ChronoUnit.HOURS).toString())
        .containsKey(SUGGESTED_SLOT.name());

    identityService().setAuthenticatedUserId(REQUESTER_ID);
    complete(pick);
    identityService().clearAuthentication();

    // asyncAfter: the requester's choice is committed before the change moves
    assertThat(change).hasPassed(PICK_NEW_SLOT).isNotEnded();
    Assertions.assertThat(beans.moveToNewSlot.neverRan()).isTrue();
    execute(job(change));

    RecordingDelegate.Run move = beans.moveToNewSlot.onlyRun();
    Assertions.assertThat(move.activityId()).isEqualTo(MOVE_TO_NEW_SLOT);
    Assertions.assertThat(move.variable(NEW_PLANNED_START.name())).isEqualTo(nextFreeSlot.toString());
    Assertions.assertThat(move.variable(RESCHEDULED_BY.name())).isEqualTo(REQUESTER_ID);
    assertThat(change).hasPassedInOrder(CHECK_CALENDAR, PICK_NEW_SLOT, MOVE_TO_NEW_SLOT, CHECK_CALENDAR)
        .isWaitingAt(DEPLOY);
    Assertions.assertThat(beans.newSlot.calls()).hasSize(1);
  }

  @Test
  void aNewSlotThatIsMissingBackwardsOrInThePastIsRefusedAndTheTaskStaysOpen() {
    Instant nextFreeSlot = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    beans.checkCalendar.then(CalendarVerdicts.of(blocked(nextFreeSlot)));
    ProcessInstance change = approvedNormalChange();
    Task pick = task(change);

    Assertions.assertThatThrownBy(() -> complete(pick, withVariables(NEW_PLANNED_START.name(), "next friday")))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("'newPlannedStart' must be an ISO-8601 date-time with offset");
    Assertions.assertThatThrownBy(() -> complete(pick, withVariables(NEW_PLANNED_START.name(),
            "2027-01-05T10:00:00Z", NEW_PLANNED_END.name(), "2027-01-05T09:00:00+00:00")))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("'newPlannedEnd' must be after 'newPlannedStart'");
    Assertions.assertThatThrownBy(() -> complete(pick, withVariables(NEW_PLANNED_START.name(),
            "2020-01-05T10:00:00Z", NEW_PLANNED_END.name(), "2020-01-05T11:00:00Z")))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("lies in the past");
    Assertions.assertThatThrownBy(() -> complete(pick, withVariables(NEW_PLANNED_START.name(), "",
            NEW_PLANNED_END.name(), "2027-01-05T11:00:00Z")))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("'newPlannedStart' is required");

    assertThat(change).isWaitingAt(PICK_NEW_SLOT);
    assertThat(task(change)).hasId(pick.getId());
    Assertions.assertThat(beans.moveToNewSlot.neverRan()).isTrue();
  }

  @Test
  void aSlotPickedWithAnOffsetIsStoredInUtcAndCheckedAgain() {
    Instant nextFreeSlot = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Instant plannedStart = Instant.parse("2030-06-03T06:00:00Z");
    beans.checkCalendar.then(CalendarVerdicts.of(blocked(nextFreeSlot), notYet(plannedStart), clear()));
    ProcessInstance change = approvedNormalChange();

    complete(task(change), withVariables(NEW_PLANNED_START.name(), "2030-06-03T08:00:00+02:00",
        NEW_PLANNED_END.name(), "2030-06-03T09:30:00+02:00"));
    execute(job(change));

    RecordingDelegate.Run move = beans.moveToNewSlot.onlyRun();
    Assertions.assertThat(move.variable(NEW_PLANNED_START.name())).isEqualTo("2030-06-03T06:00:00Z");
    Assertions.assertThat(move.variable(NEW_PLANNED_END.name())).isEqualTo("2030-06-03T07:30:00Z");
    assertThat(change).isWaitingAt(PLANNED_START_REACHED);
    execute(timerOf(change));
    assertThat(change).isWaitingAt(DEPLOY);
  }
}
