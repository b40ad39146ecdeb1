package io.changegate.processes;

import static io.changegate.change.ChangeProcess.DEPLOYMENT;
import static io.changegate.change.ChangeProcess.STANDARD_CHANGE;
import static io.changegate.processes.CalendarVerdicts.blocked;
import static io.changegate.processes.CalendarVerdicts.clear;
import static io.changegate.processes.CalendarVerdicts.notYet;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/standard-change.bpmn: a pre-approved change is checked against the calendar, then deployed and
 * validated by the real deployment process (its calls out mocked). No human approval. A change planned later
 * waits for its planned start; a change that meets a freeze waits for the next free slot and resumes by itself;
 * either way the calendar is checked again before it deploys.
 */
@Deployment(resources = {ProcessTestSupport.STANDARD_CHANGE_BPMN, ProcessTestSupport.DEPLOYMENT_BPMN})
class StandardChangeProcessTest extends ProcessTestSupport {

  static final String START = "StartEvent_StandardChangeStarted";
  static final String CHECK_CALENDAR = "Task_CheckCalendar";
  static final String SLOT_VERDICT = "Gateway_StandardSlotVerdict";
  static final String FREEZE_OVER = "Event_StandardFreezeOver";
  static final String PLANNED_START_REACHED = "Event_StandardPlannedStartReached";
  static final String DEPLOY = "CallActivity_Deployment";
  static final String END_DONE = "EndEvent_StandardChangeDone";
  static final String REFRESH = "Task_RefreshEnvironment";
  static final String END_REFRESHED = "EndEvent_EnvironmentRefreshed";
  static final String END_REFRESH_FAILED = "EndEvent_RefreshFailed";

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  /** As change-request calls it: the change id as business key, no variable. */
  private ProcessInstance startStandardChange() {
    return runtimeService().startProcessInstanceByKey(STANDARD_CHANGE, CHANGE);
  }

  @Test
  void checksTheCalendarThenDeploysAndValidatesWithoutHumanApproval() {
    ProcessInstance change = startStandardChange();

    assertThat(change).hasPassedInOrder(START, CHECK_CALENDAR).isWaitingAt(DEPLOY);
    RecordingDelegate.Run calendar = beans.checkCalendar.onlyRun();
    Assertions.assertThat(calendar.businessKey()).isEqualTo(CHANGE);

    ProcessInstance deployment = calledProcessInstance(DEPLOYMENT, change);
    assertThat(deployment).hasBusinessKey(CHANGE).isWaitingAt(DeploymentProcessTest.FIRST_STEP)
        // the change id is its business key; the scan gate's verdict is a routing value (transient): not stored;
        // the release-safety facts are read from Changegate's own table by the gateways that route on them
        .variables().isEmpty();

    DeploymentProcessTest.runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassed(DeploymentProcessTest.END_COMPLETED);
    assertThat(change).isEnded().hasPassedInOrder(CHECK_CALENDAR, DEPLOY, END_DONE);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "VALIDATING", "COMPLETED");
    Assertions.assertThat(historyService().createHistoricTaskInstanceQuery().count()).as("no approval").isZero();
    Assertions.assertThat(beans.loadChangeForReview.neverRan()).isTrue();
    Assertions.assertThat(beans.approvalDecision.calls()).isEmpty();
  }

  @Test
  void anEnvironmentRefreshIsCopiedAnonymizedAndVerifiedInsteadOfDeployed() {
    beans.environmentRefresh.answer(true);
    ProcessInstance change = startStandardChange();

    assertThat(change).isWaitingAt(REFRESH);
    execute(job());

    assertThat(change).isEnded().hasPassedInOrder(CHECK_CALENDAR, REFRESH, END_REFRESHED).hasNotPassed(DEPLOY);
    Assertions.assertThat(beans.refreshEnvironment.onlyRun().businessKey()).isEqualTo(CHANGE);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "COMPLETED");
  }

  @Test
  void aRefreshWhoseVerificationFindsUnmaskedRecordsEndsTheChangeFailed() {
    beans.environmentRefresh.answer(true);
    beans.refreshEnvironment.then(e -> io.changegate.refresh.process.RefreshProcess.REFRESH_VERIFIED.set(e, false));
    ProcessInstance change = startStandardChange();

    assertThat(change).isWaitingAt(REFRESH);
    execute(job());

    assertThat(change).isEnded().hasPassed(END_REFRESH_FAILED).hasNotPassed(DEPLOY, END_REFRESHED);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "FAILED");
  }

  @Test
  void aRefusedDeploymentEndsTheStandardFlowWithTheChangeFailed() {
    beans.refusePromotion("untested digest");
    ProcessInstance change = startStandardChange();
    ProcessInstance deployment = calledProcessInstance(DEPLOYMENT, change);

    DeploymentProcessTest.runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassed(DeploymentProcessTest.END_REFUSED);
    assertThat(change).isEnded().hasPassed(END_DONE);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "FAILED");
  }

  @Test
  void aChangeThatMeetsAFreezeWaitsForTheNextFreeSlotAndResumesByItself() {
    Instant freezeOver = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    CalendarVerdicts calendar = CalendarVerdicts.of(blocked(freezeOver), clear());
    beans.checkCalendar.then(calendar);

    ProcessInstance change = startStandardChange();

    assertThat(change).isWaitingAt(FREEZE_OVER).hasNotPassed(DEPLOY);
    Job timer = managementService().createJobQuery().processInstanceId(change.getId()).timers().singleResult();
    Assertions.assertThat(timer.getDuedate()).isEqualTo(Date.from(freezeOver));
    Assertions.assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey(DEPLOYMENT)
        .count()).as("nothing deploys during the freeze").isZero();
    Assertions.assertThat(historyService().createHistoricTaskInstanceQuery().count()).as("nobody is asked").isZero();

    execute(timer);

    Assertions.assertThat(beans.checkCalendar.runs()).as("checked again when the freeze is over").hasSize(2);
    Assertions.assertThat(calendar.exhausted()).isTrue();
    assertThat(change).hasPassedInOrder(CHECK_CALENDAR, FREEZE_OVER, CHECK_CALENDAR).isWaitingAt(DEPLOY);
    DeploymentProcessTest.runToEnd(calledProcessInstance(DEPLOYMENT, change));
    assertThat(change).isEnded().hasPassed(END_DONE).hasNotPassed(PLANNED_START_REACHED);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "VALIDATING", "COMPLETED");
  }

  @Test
  void aChangePlannedLaterWaitsForItsPlannedStartAndIsCheckedAgainJustBeforeItDeploys() {
    Instant plannedStart = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Instant afterTheFreeze = plannedStart.plus(6, ChronoUnit.HOURS);
    // by the planned start a freeze has been declared: the change waits for it to end, then deploys
    beans.checkCalendar.then(CalendarVerdicts.of(notYet(plannedStart), blocked(afterTheFreeze), clear()));

    ProcessInstance change = startStandardChange();

    assertThat(change).isWaitingAt(PLANNED_START_REACHED);
    Job plannedStartTimer = managementService().createJobQuery().processInstanceId(change.getId()).timers()
        .singleResult();
    Assertions.assertThat(plannedStartTimer.getDuedate()).isEqualTo(Date.from(plannedStart));

    execute(plannedStartTimer);

    assertThat(change).isWaitingAt(FREEZE_OVER).hasNotPassed(DEPLOY);
    Job freezeTimer = managementService().createJobQuery().processInstanceId(change.getId()).timers()
        .singleResult();
    Assertions.assertThat(freezeTimer.getDuedate()).isEqualTo(Date.from(afterTheFreeze));

    execute(freezeTimer);

    assertThat(change).hasPassedInOrder(PLANNED_START_REACHED, CHECK_CALENDAR, FREEZE_OVER, CHECK_CALENDAR)
        .isWaitingAt(DEPLOY);
    Assertions.assertThat(beans.checkCalendar.runs()).hasSize(3);
  }
}
