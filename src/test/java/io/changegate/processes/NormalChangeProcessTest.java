package io.changegate.processes;

import static io.changegate.calendar.CalendarProcess.NEW_PLANNED_END;
import static io.changegate.calendar.CalendarProcess.NEW_PLANNED_START;
import static io.changegate.calendar.CalendarProcess.RESCHEDULED_BY;
import static io.changegate.calendar.CalendarProcess.SUGGESTED_SLOT;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

/**
 * processes/normal-change.bpmn: the CAB approves or rejects; an approved change is scheduled (it waits for
 * its planned start; a slot in a blackout gives the requester a task to pick a new one, the next free slot
 * suggested), then deployed and validated by the real deployment process (its calls out mocked).
 */
@Deployment(resources = {ProcessTestSupport.NORMAL_CHANGE_BPMN, ProcessTestSupport.DEPLOYMENT_BPMN})
class NormalChangeProcessTest extends ProcessTestSupport {

  static final String START = "StartEvent_NormalChangeStarted";
  static final String CAB_APPROVAL = "Task_CabApproval";
  static final String GATEWAY_APPROVED = "Gateway_CabApproved";
  static final String CHECK_CALENDAR = "Task_CheckPlannedSlot";
  static final String SLOT_VERDICT = "Gateway_NormalSlotVerdict";
  static final String PICK_NEW_SLOT = "Task_PickNewSlot";
  static final String MOVE_TO_NEW_SLOT = "Task_MoveToNewSlot";
  static final String PLANNED_START_REACHED = "Event_NormalPlannedStartReached";
  static final String DEPLOY = "CallActivity_DeployApprovedChange";
  static final String END_DONE = "EndEvent_NormalChangeDone";
  static final String END_REJECTED = "EndEvent_NormalChangeRejected";

  static final String CAB = "cab";
  static final String CAB_CHAIR = "cab-chair";
  static final String REQUESTER_ID = "requester";

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  private ProcessInstance startNormalChange() {
    return runtimeService().startProcessInstanceByKey(NORMAL_CHANGE, CHANGE, withVariables(
        CHANGE_ID.name(), CHANGE, CLASSIFICATION_REASON.name(), "No pre-approved template named"));
  }

  @Test
  void loadsTheChangeAndWaitsForTheCabWithItsForm() {
    ProcessInstance change = startNormalChange();

    RecordingDelegate.Run load = beans.loadChangeForReview.onlyRun();
    Assertions.assertThat(load.activityId()).isEqualTo(START);
    Assertions.assertThat(load.variable(CHANGE_ID.name())).isEqualTo(CHANGE);

    assertThat(change).isWaitingAt(CAB_APPROVAL);
    assertThat(task(change)).hasCandidateGroup(CAB).hasName("Approve change (CAB)");
    Assertions.assertThat(taskQuery().taskCandidateGroup("ecab").count()).isZero();

    // found by the change id, as /engine-rest/task?processInstanceBusinessKey= does (CONTRACT.md)
    Task cabTask = taskQuery().processInstanceBusinessKey(CHANGE).initializeFormKeys().singleResult();
    CamundaFormRef form = cabTask.getCamundaFormRef();
    Assertions.assertThat(form.getKey()).isEqualTo("cab-approval");
    Assertions.assertThat(form.getBinding()).isEqualTo("latest");
    Assertions.assertThat(beans.changeStatus.statuses()).isEmpty();
  }

  @Test
  void approvedChangeIsScheduledDeployedValidatedAndDone() {
    ProcessInstance change = startNormalChange();
    identityService().setAuthenticatedUserId(CAB_CHAIR);

    complete(task(change), withVariables(DECISION.name(), "APPROVE"));

    Assertions.assertThat(beans.approvalDecision.calls())
        .containsExactly(new RecordingApprovalDecision.Call(CAB_APPROVAL, "APPROVE,REJECT", "APPROVE"));
    Mockito.verify(beans.approvalDecision.auditTrail()).record(ArgumentMatchers.eq(CAB_CHAIR),
        ArgumentMatchers.eq("DECISION"), ArgumentMatchers.eq(CHANGE),
        ArgumentMatchers.argThat(details -> CAB.equals(details.get("group"))));

    // asyncAfter: the decision is committed before anything after it runs
    assertThat(change).hasPassed(CAB_APPROVAL).isNotEnded();
    Assertions.assertThat(job(change).getRetries()).as("R5/PT1M on the approval").isEqualTo(5);
    Assertions.assertThat(beans.checkCalendar.neverRan()).isTrue();

    execute(job(change));

    assertThat(change).hasPassedInOrder(GATEWAY_APPROVED, CHECK_CALENDAR).isWaitingAt(DEPLOY);
    Assertions.assertThat(beans.checkCalendar.onlyRun().variable(CHANGE_ID.name())).isEqualTo(CHANGE);
    ProcessInstance deployment = calledProcessInstance(DEPLOYMENT, change);
    assertThat(deployment).hasBusinessKey(CHANGE).variables().containsEntry(CHANGE_ID.name(), CHANGE);

    DeploymentProcessTest.runToEnd(deployment);

    assertThat(deployment).isEnded();
    assertThat(change).isEnded().hasPassed(END_DONE).hasNotPassed(END_REJECTED);
    Assertions.assertThat(beans.changeStatus.statuses())
        .containsExactly("APPROVED", "DEPLOYING", "VALIDATING", "COMPLETED");
  }

  @Test
  void rejectedChangeEndsRejectedAndIsNeitherScheduledNorDeployed() {
    ProcessInstance change = startNormalChange();

    complete(task(change), withVariables(DECISION.name(), "REJECT", COMMENT.name(), "No rollback plan"));
    execute(job(change));

    assertThat(change).isEnded().hasPassed(END_REJECTED).hasNotPassed(CHECK_CALENDAR, DEPLOY, END_DONE);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("REJECTED");
    Assertions.assertThat(beans.checkCalendar.neverRan()).isTrue();
    Assertions.assertThat(historyService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(DEPLOYMENT).count()).isZero();
  }

  @Test
  void rejectionWithoutCommentIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance change = startNormalChange();
    Task cabTask = task(change);

    Assertions.assertThatThrownBy(() -> complete(cabTask, withVariables(DECISION.name(), "REJECT")))
        .hasRootCauseInstanceOf(BadUserRequestException.class)
        .rootCause().hasMessageContaining("rejection needs a comment");

    assertThat(change).isWaitingAt(CAB_APPROVAL);
    assertThat(task(change)).hasId(cabTask.getId());
    Mockito.verifyNoInteractions(beans.approvalDecision.auditTrail());
  }

  @Test
  void theCabCannotAskForChangesNorCompleteWithoutADecision() {
    ProcessInstance change = startNormalChange();
    Task cabTask = task(change);

    Assertions.assertThatThrownBy(() -> complete(cabTask, withVariables(DECISION.name(), "REQUEST_CHANGES",
        COMMENT.name(), "more detail please")))
        .hasRootCauseInstanceOf(BadUserRequestException.class)
        .rootCause().hasMessageContaining("one of APPROVE,REJECT");
    Assertions.assertThatThrownBy(() -> complete(cabTask, Map.of()))
        .hasRootCauseInstanceOf(BadUserRequestException.class)
        .rootCause().hasMessageContaining("needs a decision");

    assertThat(change).isWaitingAt(CAB_APPROVAL);
  }

  @Test
  void theCabDecisionIsKeptWhenTheNextStepFails() {
    beans.checkCalendar.failing(new IllegalStateException("calendar unavailable"));
    ProcessInstance change = startNormalChange();

    complete(task(change), withVariables(DECISION.name(), "APPROVE"));
    Assertions.assertThatThrownBy(() -> execute(job(change))).hasMessage("calendar unavailable");

    Job retry = job(change);
    Assertions.assertThat(retry.getRetries()).isEqualTo(4);
    Assertions.assertThat(retry.getFailedActivityId()).isEqualTo(CHECK_CALENDAR);
    JobDefinition continuation = managementService().createJobDefinitionQuery()
        .jobDefinitionId(retry.getJobDefinitionId()).singleResult();
    Assertions.assertThat(continuation.getActivityId()).isEqualTo(CAB_APPROVAL);
    Assertions.assertThat(continuation.getJobConfiguration()).isEqualTo("async-after");
    Assertions.assertThat(taskQuery().processInstanceId(change.getId()).count()).as("no second approval").isZero();
    Assertions.assertThat(historyService().createHistoricTaskInstanceQuery().processInstanceId(change.getId())
        .finished().taskDefinitionKey(CAB_APPROVAL).count()).isOne();
  }

  /** Starts the change with the requester loaded, as loadChangeForReview does, and the CAB approves it. */
  private ProcessInstance approvedNormalChange() {
    beans.loadChangeForReview.then(e -> REQUESTER.set(e, REQUESTER_ID));
    ProcessInstance change = startNormalChange();
    identityService().setAuthenticatedUserId(CAB_CHAIR);
    complete(task(change), withVariables(DECISION.name(), "APPROVE"));
    identityService().clearAuthentication();
    execute(job(change));
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
