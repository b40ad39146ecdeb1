package io.changegate.processes;

import io.changegate.featureflag.FeatureFlagProcess;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.DEPLOYMENT;
import static io.changegate.deployment.DeploymentProcess.MIGRATION_DECLARED;
import static io.changegate.deployment.DeploymentProcess.NEXT_VALIDATION_IN;
import static io.changegate.deployment.DeploymentProcess.SLOT_RESERVED;
import static io.changegate.deployment.DeploymentProcess.STABILIZED;
import static io.changegate.deployment.DeploymentProcess.TARGETS_INDEPENDENT;
import static io.changegate.deployment.DeploymentProcess.TARGET_COUNT;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static io.changegate.deployment.DeploymentProcess.TARGET_INDEX;
import static io.changegate.deployment.DeploymentProcess.TARGET_NAME;
import static io.changegate.monitoring.MonitoringProcess.VALIDATION_PASSED;
import static io.changegate.rollback.RollbackProcess.ROLLBACK;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.deployment.DeploymentProcess;
import org.camunda.bpm.engine.test.mock.Mocks;
import io.changegate.deployment.process.LoadReleaseSafetyListener;
import io.changegate.deployment.PreTrafficService;
import io.changegate.supplychain.SupplyChainProcess;
import io.changegate.monitoring.MonitoringProcess;
import io.changegate.rollback.RollbackProcess;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentMatchers;
import org.mockito.InOrder;
import org.mockito.Mockito;

/**
 * processes/deployment.bpmn: promotion, environment slots, per-target migration, deploy and rollout polling,
 * confirmation, validation with stabilization, and the rollback on every failure. Every call out is
 * asynchronous: the tests drive jobs (timers included) themselves.
 */
@Deployment(resources = {ProcessTestSupport.DEPLOYMENT_BPMN, ProcessTestSupport.ROLLBACK_BPMN})
class DeploymentProcessTest extends ProcessTestSupport {

  static final String START = "StartEvent_DeploymentRequested";
  static final String CHECK_PROMOTION = "Task_CheckPromotion";
  static final String FIRST_STEP = CHECK_PROMOTION;
  static final String RESERVE_SLOT = "Task_ReserveEnvironmentSlot";
  static final String WAIT_FOR_SLOT = "Gateway_WaitForSlot";
  static final String WAIT_SLOT_FREED = "Event_SlotFreed";
  static final String WAIT_SLOT_POLL = "Event_SlotPollDue";
  static final String DEPLOY_TARGETS = "SubProcess_DeployTargets";
  static final String RUN_MIGRATION = "Task_RunMigration";
  static final String CHECK_MIGRATION = "Task_CheckMigration";
  static final String DEPLOY_TARGET = "Task_DeployTarget";
  static final String CHECK_ROLLOUT = "Task_CheckTargetRollout";
  static final String WAIT_ROLLOUT = "Event_RolloutPollDue";
  static final String CONFIRM = "Task_ConfirmRollouts";
  static final String WAIT_ROLLOUTS = "Event_RolloutsPollDue";
  static final String VALIDATE = "Task_ValidateDeployment";
  static final String GATEWAY_VALIDATION_PASSED = "Gateway_ValidationPassed";
  static final String CHECK_STABILIZATION = "Task_CheckStabilization";
  static final String WAIT_NEXT_ROUND = "Event_NextValidationRoundDue";
  static final String END_COMPLETED = "EndEvent_ChangeCompleted";
  static final String END_REFUSED = "EndEvent_PromotionRefused";
  static final String ROLL_BACK = "CallActivity_RollBack";
  static final String END_ROLLED_BACK = "EndEvent_ChangeRolledBack";
  static final String ROLLBACK_REQUESTED = "StartEvent_RollbackRequested";
  static final String REQUESTED_ROLL_BACK = "CallActivity_RequestedRollBack";
  static final String TARGET_FAILED = "BoundaryEvent_TargetFailed";
  static final String ALERT_FIRING = "StartEvent_DeploymentAlertFiring";
  static final String ALERT_ROLL_BACK = "CallActivity_DeploymentAlertRollBack";
  static final String PRE_TRAFFIC = "Task_RunPreTrafficChecks";
  static final String PROMOTE = "Task_PromoteCanary";
  static final String SET_FLAG_STAGE = "Task_SetFlagStage";
  static final String VALIDATE_FLAG_STAGE = "Task_ValidateFlagStage";
  static final String SWITCH_FLAG_OFF = "Task_SwitchFlagOff";

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  /**
   * Runs every job of the engine (timers included, whatever their due date) until none is left or the
   * instance ended: how the other process tests drive a called deployment to its end.
   */
  static void runToEnd(ProcessInstance instance) {
    for (int round = 0; round < 200; round++) {
      List<Job> jobs = managementService().createJobQuery().list();
      if (jobs.isEmpty()) {
        return;
      }
      execute(jobs.get(0));
    }
    throw new AssertionError("the deployment did not come to rest after 200 jobs");
  }

  /** As its callers call it: the change id as business key, no variable. */
  private ProcessInstance startDeployment() {
    return runtimeService().startProcessInstanceByKey(DEPLOYMENT, CHANGE);
  }

  private static Job jobAt(ProcessInstance instance, String activityId) {
    List<Job> jobs = managementService().createJobQuery().activityId(activityId).list();
    Assertions.assertThat(jobs).as("job at " + activityId).hasSize(1);
    return jobs.get(0);
  }

  @Test
  void aCanaryThatPassesItsChecksIsPromotedBeforeTheValidation() {
    beans.loadReleaseSafety.then(ProcessBeans.releaseSafety(true, false));
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassedInOrder(DEPLOY_TARGET, PRE_TRAFFIC, PROMOTE, VALIDATE, END_COMPLETED)
        .hasNotPassed(ROLL_BACK, SET_FLAG_STAGE);
    Assertions.assertThat(beans.promoteCanary.runs()).hasSize(1);
  }

  @Test
  void aCanaryThatFailsItsChecksIsNeitherPromotedNorValidatedButRolledBack() {
    beans.loadReleaseSafety.then(ProcessBeans.releaseSafety(true, false));
    beans.runPreTrafficChecks.then(e -> DeploymentProcess.PRE_TRAFFIC_PASSED.set(e, false));
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isWaitingAt(ROLL_BACK).hasPassedInOrder(PRE_TRAFFIC, SWITCH_FLAG_OFF)
        .hasNotPassed(PROMOTE, VALIDATE, END_COMPLETED);
    Assertions.assertThat(beans.promoteCanary.neverRan()).isTrue();
  }

  @Test
  void aRefusedPromotionRollsTheChangeBack() {
    beans.loadReleaseSafety.then(ProcessBeans.releaseSafety(true, false));
    beans.promoteCanary.then(e -> DeploymentProcess.PROMOTED.set(e, false));
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isWaitingAt(ROLL_BACK).hasPassedInOrder(PRE_TRAFFIC, PROMOTE, SWITCH_FLAG_OFF)
        .hasNotPassed(VALIDATE);
  }

  @Test
  void aFlagRolloutRunsEveryStageOnceBetweenTheValidationAndTheStabilization() {
    // the real listener, on the facts of Changegate's table: a flag rollout, no pre-traffic checks
    PreTrafficService preTraffic = Mockito.mock(PreTrafficService.class);
    Mockito.when(preTraffic.declared(CHANGE)).thenReturn(new PreTrafficService.Declared(false, true));
    Mocks.register("loadReleaseSafety", new LoadReleaseSafetyListener(preTraffic));
    // two validation rounds: the second passes "Feature flag to enable?" again, after the rollout
    AtomicInteger rounds = new AtomicInteger();
    beans.checkStabilization.then(beans.checkStabilization.behaviour()
        .andThen(e -> STABILIZED.set(e, rounds.incrementAndGet() >= 2)));
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassedInOrder(VALIDATE, SET_FLAG_STAGE, VALIDATE_FLAG_STAGE,
        "Event_FlagStageHeld", SET_FLAG_STAGE, VALIDATE_FLAG_STAGE, "EndEvent_FlagFullyEnabled", CHECK_STABILIZATION,
        WAIT_NEXT_ROUND, VALIDATE, CHECK_STABILIZATION, END_COMPLETED).hasNotPassed(ROLL_BACK, PRE_TRAFFIC);
    Assertions.assertThat(beans.validateChange.runs()).hasSize(2);
    Assertions.assertThat(beans.setFlagStage.runs()).hasSize(2);
    Assertions.assertThat(beans.validateFlagStage.runs()).hasSize(2);
    Assertions.assertThat(beans.switchFlagOff.neverRan()).isTrue();
    // what the listener read is not stored; the rollout's progress is, for the gateway's second pass
    Assertions.assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(deployment.getId())
        .list()).extracting(v -> v.getName())
        .contains(DeploymentProcess.FLAG_ROLLOUT_DONE.name())
        .doesNotContain(DeploymentProcess.PRE_TRAFFIC_DECLARED.name(), DeploymentProcess.FLAG_ROLLOUT_DECLARED.name());
  }

  @Test
  void aFailingFlagStageSwitchesTheFlagOffAndRollsTheChangeBack() {
    beans.loadReleaseSafety.then(ProcessBeans.releaseSafety(false, true));
    beans.validateFlagStage.then(e -> {
      FeatureFlagProcess.FLAG_STAGE_PASSED.set(e, false);
      FeatureFlagProcess.FLAG_STAGE_VALIDATED.set(e, false);
      FeatureFlagProcess.FLAG_WAIT.set(e, "PT0S");
      FeatureFlagProcess.FLAG_MORE_STAGES.set(e, true);
    });
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isWaitingAt(ROLL_BACK).hasPassedInOrder(SET_FLAG_STAGE, VALIDATE_FLAG_STAGE,
        "EndEvent_FlagStageFailed", "BoundaryEvent_FlagStageFailed", SWITCH_FLAG_OFF)
        .hasNotPassed(CHECK_STABILIZATION, END_COMPLETED);
    Assertions.assertThat(beans.setFlagStage.runs()).hasSize(1);
    Assertions.assertThat(beans.switchFlagOff.onlyRun().variable(FeatureFlagProcess.FLAG_PERCENT.name()))
        .isEqualTo(10);
  }

  @Test
  void promotedDeployedHealthyAndValidatedCompletesTheChange() {
    ProcessInstance deployment = startDeployment();

    // the starting transaction ends before any work: the caller's transaction stays short
    assertThat(deployment).isWaitingAt(CHECK_PROMOTION);
    Assertions.assertThat(beans.planDeployment.neverRan()).isTrue();
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING");

    // promotion and slot in one job (no call out between them), then the deploy's own job
    execute(job(deployment));
    assertThat(deployment).isWaitingAt(DEPLOY_TARGET).hasPassed(RESERVE_SLOT);
    execute(job(deployment));
    runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassedInOrder(START, CHECK_PROMOTION, RESERVE_SLOT, DEPLOY_TARGET, CONFIRM,
        VALIDATE, GATEWAY_VALIDATION_PASSED, CHECK_STABILIZATION, END_COMPLETED)
        .hasNotPassed(END_REFUSED, ROLL_BACK, RUN_MIGRATION, CHECK_ROLLOUT);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "VALIDATING", "COMPLETED");
    Assertions.assertThat(beans.deployTarget.onlyRun().businessKey()).isEqualTo(CHANGE);
    Assertions.assertThat(beans.deployTarget.onlyRun().variable(TARGET_INDEX.name())).isEqualTo(0);
    Assertions.assertThat(beans.deployTarget.onlyRun().variable(TARGET_NAME.name())).isEqualTo("target-0");
    Assertions.assertThat(beans.releaseEnvironmentSlot.runs()).hasSize(1);

    ChangeService changes = beans.changeStatus.changeService();
    InOrder inOrder = Mockito.inOrder(changes);
    for (ChangeStatus status : new ChangeStatus[] {ChangeStatus.DEPLOYING, ChangeStatus.VALIDATING,
        ChangeStatus.COMPLETED}) {
      inOrder.verify(changes).transition(ArgumentMatchers.eq(CHANGE), ArgumentMatchers.eq(status),
          ArgumentMatchers.eq(ChangeService.SYSTEM_ACTOR), ArgumentMatchers.anyMap());
    }
  }

  @Test
  void theScanGateStopsADeploymentBeforeAnythingIsDeployed() {
    beans.scanVerdict("SIGN_OFF", "1 high finding(s): security must sign off");
    ProcessInstance deployment = startDeployment();

    assertThat(deployment).isEnded().hasPassedInOrder("Task_CheckScansAgain", "EndEvent_RefusedByScanGate")
        .hasNotPassed(CHECK_PROMOTION);
    Assertions.assertThat(beans.planDeployment.neverRan()).isTrue();
    Assertions.assertThat(beans.deployTarget.neverRan()).isTrue();
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "FAILED");
  }

  @Test
  void refusedPromotionFailsTheChangeWithoutReservingOrDeploying() {
    beans.refusePromotion("digest untested in staging");
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassedInOrder(CHECK_PROMOTION, END_REFUSED).hasNotPassed(RESERVE_SLOT);
    Assertions.assertThat(beans.reserveEnvironmentSlot.neverRan()).isTrue();
    Assertions.assertThat(beans.deployTarget.neverRan()).isTrue();
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "FAILED");
    Assertions.assertThat(beans.releaseEnvironmentSlot.runs()).hasSize(1);
  }

  @Test
  void aRolloutConfirmedByItsDeployGoesStraightToValidationWithoutAJobOfItsOwn() {
    beans.deployTarget.then(ProcessBeans.rollouts("HEALTHY").andThen(e -> DeploymentProcess.ROLLOUTS_CONFIRMED.set(e, true)));
    ProcessInstance deployment = startDeployment();
    execute(job(deployment));
    execute(job(deployment));

    // the deploy's job ends before the validation (a call out): no job for "Confirm every target healthy"
    assertThat(deployment).isWaitingAt(VALIDATE).hasPassed(DEPLOY_TARGET).hasNotPassed(CONFIRM);
    runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassed(VALIDATE, END_COMPLETED).hasNotPassed(CONFIRM);
    Assertions.assertThat(beans.confirmRollouts.neverRan()).isTrue();
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "VALIDATING", "COMPLETED");
  }

  @Test
  void withoutAFreeSlotTheChangeWaitsAndGoesOnWhenASlotIsFreed() {
    AtomicInteger attempts = new AtomicInteger();
    beans.reserveEnvironmentSlot.then(e -> ProcessBeans.slotReserved(attempts.incrementAndGet() > 1).accept(e));
    ProcessInstance deployment = startDeployment();
    execute(job(deployment));

    // waiting, not failing: woken up by a freed slot, or by its own timer
    Assertions.assertThat(runtimeService().createEventSubscriptionQuery().processInstanceId(deployment.getId())
        .eventName(DeploymentProcess.MESSAGE_SLOT_FREED).count()).isEqualTo(1);
    Assertions.assertThat(managementService().createJobQuery().activityId(WAIT_SLOT_POLL).count()).isEqualTo(1);
    assertThat(deployment).isWaitingAt(WAIT_FOR_SLOT);
    Assertions.assertThat(beans.deployTarget.neverRan()).isTrue();

    runtimeService().createMessageCorrelation(DeploymentProcess.MESSAGE_SLOT_FREED)
        .processInstanceId(deployment.getId()).correlateWithResult();
    // the wake-up's own transaction finds the slot and goes on to the deploy's job
    assertThat(deployment).isWaitingAt(DEPLOY_TARGET).hasPassed(RESERVE_SLOT);
    runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassed(WAIT_SLOT_FREED, DEPLOY_TARGET, END_COMPLETED)
        .hasNotPassed(WAIT_SLOT_POLL);
    Assertions.assertThat(attempts).hasValue(2);
  }

  @Test
  void routingValuesAreNotStoredAndAnInstanceWithAStoredOneFromBeforeStillRoutesOnIt() {
    AtomicInteger attempts = new AtomicInteger();
    beans.reserveEnvironmentSlot.then(e -> ProcessBeans.slotReserved(attempts.incrementAndGet() > 1).accept(e));
    ProcessInstance waiting = startDeployment();
    execute(job(waiting));
    assertThat(waiting).isWaitingAt(WAIT_FOR_SLOT);
    // the gateway after each step read them in the step's transaction; nothing of them was written
    Assertions.assertThat(runtimeService().getVariables(waiting.getId()))
        .doesNotContainKeys(SLOT_RESERVED.name(), DeploymentProcess.PROMOTION_ALLOWED.name(),
            DeploymentProcess.PROMOTION_REFUSAL.name(), SupplyChainProcess.SCAN_VERDICT.name());
    Assertions.assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(waiting.getId())
        .variableNameIn(SLOT_RESERVED.name(), DeploymentProcess.PROMOTION_ALLOWED.name()).count()).isZero();

    // an instance from a version that stored the value: it is updated in place, and the gateway still routes on it
    runtimeService().setVariable(waiting.getId(), SLOT_RESERVED.name(), false);
    runtimeService().createMessageCorrelation(DeploymentProcess.MESSAGE_SLOT_FREED)
        .processInstanceId(waiting.getId()).correlateWithResult();
    assertThat(waiting).isWaitingAt(DEPLOY_TARGET);
    Assertions.assertThat(runtimeService().getVariable(waiting.getId(), SLOT_RESERVED.name())).isEqualTo(true);
    runToEnd(waiting);
    assertThat(waiting).isEnded().hasPassed(END_COMPLETED);
    // nor were the values each later step left for its gateway or its timer
    Assertions.assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(waiting.getId())
        .variableNameIn(DeploymentProcess.SLOT_POLL_INTERVAL.name(), DeploymentProcess.MIGRATION_DECLARED.name(),
            DeploymentProcess.ROLLOUT_STATE.name(), DeploymentProcess.ROLLOUT_POLL_INTERVAL.name(),
            DeploymentProcess.ROLLOUTS_CONFIRMED.name(), DeploymentProcess.NEXT_VALIDATION_IN.name())
        .list()).isEmpty();
  }

  @Test
  void withoutAFreeSlotTheChangeAlsoLooksAgainOnItsTimer() {
    AtomicInteger attempts = new AtomicInteger();
    beans.reserveEnvironmentSlot.then(e -> ProcessBeans.slotReserved(attempts.incrementAndGet() > 2).accept(e));
    ProcessInstance deployment = startDeployment();
    execute(job(deployment));
    execute(jobAt(deployment, WAIT_SLOT_POLL));
    assertThat(deployment).isWaitingAt(WAIT_FOR_SLOT);

    runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassed(WAIT_SLOT_POLL, END_COMPLETED);
    Assertions.assertThat(attempts).hasValue(3);
  }

  @Test
  void dependentTargetsDeployOneAfterTheOtherEachWaitingUntilHealthy() {
    beans.planDeployment.then(beans.planDeployment.behaviour().andThen(e -> TARGET_COUNT.set(e, 2)));
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    beans.deployTarget.then(e -> {
      calls.add("deploy " + TARGET_INDEX.from(e));
      ProcessBeans.deployed("IN_PROGRESS").accept(e);
    });
    AtomicInteger checks = new AtomicInteger();
    beans.checkRollout.then(e -> {
      String state = checks.incrementAndGet() % 2 == 1 ? "IN_PROGRESS" : "HEALTHY";
      calls.add("check " + TARGET_INDEX.from(e) + " " + state);
      ProcessBeans.deployed(state).accept(e);
    });
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassed(WAIT_ROLLOUT, END_COMPLETED);
    // target 0 is healthy before target 1 is deployed
    Assertions.assertThat(calls).containsExactly("deploy 0", "check 0 IN_PROGRESS", "check 0 HEALTHY",
        "deploy 1", "check 1 IN_PROGRESS", "check 1 HEALTHY");
  }

  @Test
  void independentTargetsStartTheirRolloutsWithoutWaitingAndAreConfirmedTogether() {
    beans.planDeployment.then(beans.planDeployment.behaviour().andThen(e -> {
      TARGET_COUNT.set(e, 3);
      TARGETS_INDEPENDENT.set(e, true);
    }));
    beans.deployTarget.then(ProcessBeans.deployed("IN_PROGRESS"));
    AtomicInteger confirmations = new AtomicInteger();
    beans.confirmRollouts.then(
        e -> ProcessBeans.rollouts(confirmations.incrementAndGet() == 1 ? "IN_PROGRESS" : "HEALTHY").accept(e));
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassed(WAIT_ROLLOUTS, END_COMPLETED).hasNotPassed(CHECK_ROLLOUT);
    Assertions.assertThat(beans.deployTarget.runs()).hasSize(3);
    Assertions.assertThat(confirmations).hasValue(2);
  }

  @Test
  void aDeclaredMigrationRunsAndFinishesBeforeItsTargetIsDeployed() {
    beans.loadTarget.then(beans.loadTarget.behaviour().andThen(e -> MIGRATION_DECLARED.setLocal(e, true)));
    beans.runMigration.then(ProcessBeans.migration("IN_PROGRESS"));
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassedInOrder(RUN_MIGRATION, CHECK_MIGRATION, DEPLOY_TARGET, END_COMPLETED);
    Assertions.assertThat(beans.checkMigration.runs()).hasSize(1);
  }

  @Test
  void aFailedTargetRollsTheChangeBack() {
    beans.deployTarget.then(e -> {
      throw new BpmnError(DeploymentProcess.ERROR_TARGET_FAILED, "refused");
    });
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isWaitingAt(ROLL_BACK).hasPassed(TARGET_FAILED).hasNotPassed(CONFIRM, VALIDATE);
    ProcessInstance rollback = calledProcessInstance(ROLLBACK, deployment);
    assertThat(rollback).hasBusinessKey(CHANGE).isWaitingAt("UserTask_WritePostmortem");
    // its tasks show the change in Tasklist: the display copy comes from the business key
    Assertions.assertThat(runtimeService().getVariable(rollback.getId(), CHANGE_ID.name())).isEqualTo(CHANGE);
    complete(task(rollback), withVariables(RollbackProcess.WHAT_HAPPENED.name(), "x", RollbackProcess.CONTRIBUTING_FACTORS.name(), "y", RollbackProcess.ACTION_ITEMS.name(), "z"));

    assertThat(deployment).isEnded().hasPassed(END_ROLLED_BACK).hasNotPassed(END_COMPLETED);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "ROLLING_BACK");
    Assertions.assertThat(beans.releaseEnvironmentSlot.runs()).hasSize(1);
  }

  @Test
  void aRolloutThatTurnsDegradedRollsTheChangeBack() {
    beans.confirmRollouts.then(ProcessBeans.rollouts("DEGRADED"));
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isWaitingAt(ROLL_BACK).hasPassed(CONFIRM).hasNotPassed(VALIDATE);
  }

  @Test
  void aFailedValidationRollsTheChangeBack() {
    beans.validateChange.then(e -> VALIDATION_PASSED.set(e, false));
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isWaitingAt(ROLL_BACK).hasPassed(VALIDATE).hasNotPassed(CHECK_STABILIZATION);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "VALIDATING", "ROLLING_BACK");
  }

  @Test
  void theStabilizationPeriodRepeatsValidationUntilItEnds() {
    AtomicInteger rounds = new AtomicInteger();
    beans.checkStabilization.then(beans.checkStabilization.behaviour()
        .andThen(e -> STABILIZED.set(e, rounds.incrementAndGet() >= 3)));
    ProcessInstance deployment = startDeployment();

    runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassed(WAIT_NEXT_ROUND, END_COMPLETED);
    Assertions.assertThat(beans.validateChange.runs()).hasSize(3);
  }

  @Test
  void aRollbackRequestedWhileDeployingInterruptsTheDeploymentAndRollsBack() {
    beans.confirmRollouts.then(ProcessBeans.rollouts("IN_PROGRESS"));
    ProcessInstance deployment = startDeployment();
    execute(job(deployment));
    execute(job(deployment));
    execute(job(deployment));
    assertThat(deployment).isWaitingAt(WAIT_ROLLOUTS);

    runtimeService().createMessageCorrelation(RollbackProcess.MESSAGE_ROLLBACK_REQUESTED)
        .processInstanceId(deployment.getId()).correlateWithResult();
    // the flag goes off first (nothing to do here: no stage was set), in a job of its own
    assertThat(deployment).isWaitingAt("Task_RequestedSwitchFlagOff");
    execute(jobAt(deployment, "Task_RequestedSwitchFlagOff"));

    assertThat(deployment).isWaitingAt(REQUESTED_ROLL_BACK).hasPassed(ROLLBACK_REQUESTED);
    Assertions.assertThat(managementService().createJobQuery().activityId(WAIT_ROLLOUTS).count()).isZero();
    assertThat(calledProcessInstance(ROLLBACK, deployment)).hasBusinessKey(CHANGE);
  }

  @Test
  void aTechnicalFailureOfTheDeploymentSystemRetriesAndDeploysNothingElse() {
    beans.deployTarget.failing(new IllegalStateException("Argo CD answered 503"));
    ProcessInstance deployment = startDeployment();
    execute(job(deployment));

    Assertions.assertThatThrownBy(() -> execute(job(deployment))).hasMessage("Argo CD answered 503");

    Assertions.assertThat(job(deployment).getRetries()).isEqualTo(4);
    Assertions.assertThat(managementService().createJobQuery().activityId(DEPLOY_TARGET).count()).isEqualTo(1);
    Assertions.assertThat(beans.validateChange.neverRan()).isTrue();
  }

  /** Runs jobs that are not timers until the instance waits on a timer (or ended). */
  private static void runUntilTimer(ProcessInstance deployment) {
    for (int round = 0; round < 50; round++) {
      List<Job> jobs = managementService().createJobQuery().processInstanceId(deployment.getId()).messages().list();
      if (jobs.isEmpty()) {
        return;
      }
      execute(jobs.get(0));
    }
    throw new AssertionError("no timer reached after 50 jobs");
  }

  @Test
  void aFailingRoundDuringTheStabilizationPeriodRollsTheChangeBack() {
    AtomicInteger rounds = new AtomicInteger();
    beans.checkStabilization.then(e -> {
      STABILIZED.set(e, false);
      NEXT_VALIDATION_IN.set(e, "PT1M");
    });
    beans.validateChange.then(e -> VALIDATION_PASSED.set(e, rounds.incrementAndGet() < 2));
    ProcessInstance deployment = startDeployment();
    runUntilTimer(deployment);
    assertThat(deployment).isWaitingAt(WAIT_NEXT_ROUND);

    execute(managementService().createJobQuery().activityId(WAIT_NEXT_ROUND).singleResult());
    runUntilTimer(deployment);

    assertThat(deployment).isWaitingAt(ROLL_BACK).hasPassed(CHECK_STABILIZATION).hasNotPassed(END_COMPLETED);
    Assertions.assertThat(beans.validateChange.runs()).hasSize(2);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "VALIDATING", "ROLLING_BACK");
  }

  @Test
  void aFiringAlertWhileStabilizingStopsTheValidationRoundsAndRollsTheChangeBack() {
    beans.checkStabilization.then(e -> {
      STABILIZED.set(e, false);
      NEXT_VALIDATION_IN.set(e, "PT1M");
    });
    ProcessInstance deployment = startDeployment();
    runUntilTimer(deployment);
    assertThat(deployment).isWaitingAt(WAIT_NEXT_ROUND);

    runtimeService().createMessageCorrelation(MonitoringProcess.MESSAGE_ALERT_FIRING)
        .processInstanceBusinessKey(CHANGE).correlateWithResult();
    assertThat(deployment).isWaitingAt("Task_AlertSwitchFlagOff");
    execute(jobAt(deployment, "Task_AlertSwitchFlagOff"));

    assertThat(deployment).isWaitingAt(ALERT_ROLL_BACK).hasPassed(ALERT_FIRING).hasNotPassed(END_COMPLETED);
    Assertions.assertThat(managementService().createJobQuery().activityId(WAIT_NEXT_ROUND).count()).isZero();
    assertThat(calledProcessInstance(ROLLBACK, deployment)).hasBusinessKey(CHANGE);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "VALIDATING", "ROLLING_BACK");
  }

  @Test
  void aFiringAlertWhileAFlagStageIsHeldSwitchesTheFlagOffBeforeTheRollback() {
    beans.loadReleaseSafety.then(ProcessBeans.releaseSafety(false, true));
    beans.validateFlagStage.then(e -> {
      FeatureFlagProcess.FLAG_STAGE_PASSED.set(e, true);
      FeatureFlagProcess.FLAG_STAGE_VALIDATED.set(e, true);
      FeatureFlagProcess.FLAG_WAIT.set(e, "PT1H");
      FeatureFlagProcess.FLAG_MORE_STAGES.set(e, true);
    });
    ProcessInstance deployment = startDeployment();
    runUntilTimer(deployment);
    assertThat(deployment).isWaitingAt("Event_FlagStageHeld");

    runtimeService().createMessageCorrelation(MonitoringProcess.MESSAGE_ALERT_FIRING)
        .processInstanceBusinessKey(CHANGE).correlateWithResult();
    execute(jobAt(deployment, "Task_AlertSwitchFlagOff"));

    assertThat(deployment).isWaitingAt(ALERT_ROLL_BACK).hasPassedInOrder(SET_FLAG_STAGE, ALERT_FIRING,
        "Task_AlertSwitchFlagOff");
    Assertions.assertThat(beans.switchFlagOff.onlyRun().variable(FeatureFlagProcess.FLAG_PERCENT.name()))
        .isEqualTo(10);
  }
}
