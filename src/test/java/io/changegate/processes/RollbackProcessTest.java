package io.changegate.processes;

import io.changegate.change.ChangeProcess;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.ROLLOUT_STATE;
import static io.changegate.deployment.DeploymentProcess.TARGET_INDEX;
import static io.changegate.rollback.RollbackProcess.DRY_RUN;
import static io.changegate.rollback.RollbackProcess.MIGRATION_ROLLED_BACK;
import static io.changegate.rollback.RollbackProcess.MIGRATION_UNDO;
import static io.changegate.rollback.RollbackProcess.RECOVERY_VERIFIED;
import static io.changegate.rollback.RollbackProcess.ROLLBACK_TARGET_COUNT;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.changegate.rollback.RollbackProcess;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/rollback.bpmn: evidence first, incident, targets rolled back last deployed first (with their
 * migrations), recovery verified, restoration recorded, postmortem; and the failure path that never reports
 * success.
 */
@Deployment(resources = ProcessTestSupport.ROLLBACK_BPMN)
class RollbackProcessTest extends ProcessTestSupport {

  static final String PRESERVE_EVIDENCE = "Task_PreserveEvidence";
  static final String RECORD_INCIDENT = "Task_RecordIncident";
  static final String ROLL_BACK_TARGET = "Task_RollBackTarget";
  static final String CHECK_ROLLBACK = "Task_CheckRollback";
  static final String ROLL_BACK_MIGRATION = "Task_RollBackMigration";
  static final String RESTORE_CHECKPOINT = "UserTask_RestoreCheckpoint";
  static final String VERIFY = "Task_VerifyRecovery";
  static final String STATEFUL = "UserTask_RestoreStatefulComponent";
  static final String RECORD_RESTORATION = "Task_RecordRestoration";
  static final String POSTMORTEM = "UserTask_WritePostmortem";
  static final String END_ROLLED_BACK = "EndEvent_ChangeRolledBack";
  static final String END_DRY_RUN = "EndEvent_DryRunRolledBack";
  static final String RAISE_INCIDENT = "Task_RaiseRollbackIncident";
  static final String RESTORE_BY_HAND = "UserTask_RestoreServiceByHand";
  static final String END_FAILED = "EndEvent_RollbackFailed";

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  private ProcessInstance startRollback() {
    return runtimeService().startProcessInstanceByKey(RollbackProcess.ROLLBACK, CHANGE,
        withVariables(CHANGE_ID.name(), CHANGE));
  }

  private static void postmortem(ProcessInstance rollback) {
    complete(task(POSTMORTEM, rollback), withVariables(RollbackProcess.WHAT_HAPPENED.name(), "payments-api 1.5.0 crashed on start",
        "contributingFactors", "no canary in staging", "actionItems", "add a canary (ops)"));
  }

  @Test
  void evidenceFirstThenIncidentThenTargetsLastDeployedFirstThenRecoveryAndPostmortem() {
    List<String> order = new CopyOnWriteArrayList<>();
    beans.preserveEvidence.then(beans.preserveEvidence.behaviour().andThen(e -> {
      order.add("evidence");
      ROLLBACK_TARGET_COUNT.set(e, 2);
    }));
    beans.openIncident.then(beans.openIncident.behaviour().andThen(e -> order.add("incident")));
    beans.rollBackTarget.then(beans.rollBackTarget.behaviour().andThen(e -> order.add("roll back " + TARGET_INDEX.from(e))));
    beans.verifyRecovery.then(beans.verifyRecovery.behaviour().andThen(e -> order.add("verify")));
    ProcessInstance rollback = startRollback();
    assertThat(rollback).isWaitingAt(PRESERVE_EVIDENCE);

    DeploymentProcessTest.runToEnd(rollback);

    Assertions.assertThat(order).containsExactly("evidence", "incident", "roll back 0", "roll back 1", "verify");
    assertThat(rollback).isWaitingAt(POSTMORTEM).hasPassed(RECORD_RESTORATION);
    Task postmortem = task(POSTMORTEM, rollback);
    Assertions.assertThat(taskService().getIdentityLinksForTask(postmortem.getId()))
        .extracting(l -> l.getGroupId() != null ? "group:" + l.getGroupId() : "user:" + l.getUserId())
        .contains("group:operations", "user:requester");
    Assertions.assertThat(taskService().getVariable(postmortem.getId(), "postmortemTimeline")).isEqualTo("timeline");

    postmortem(rollback);

    assertThat(rollback).isEnded().hasPassed(END_ROLLED_BACK).hasNotPassed(RAISE_INCIDENT, END_FAILED);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("ROLLING_BACK");
    Assertions.assertThat(beans.rollbackTasks.completed()).containsExactly(POSTMORTEM);
  }

  @Test
  void aPostmortemWithoutContributingFactorsIsRefused() {
    ProcessInstance rollback = startRollback();
    DeploymentProcessTest.runToEnd(rollback);

    Assertions.assertThatThrownBy(() -> complete(task(POSTMORTEM, rollback), withVariables(RollbackProcess.WHAT_HAPPENED.name(), "x")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("contributingFactors");
    assertThat(rollback).isWaitingAt(POSTMORTEM);
  }

  @Test
  void aRollbackRequestedByMessageStartsWithTheChangeIdAsBusinessKey() {
    ProcessInstance rollback = runtimeService().createMessageCorrelation(RollbackProcess.MESSAGE_ROLLBACK_REQUESTED)
        .processInstanceBusinessKey(CHANGE).setVariable(CHANGE_ID.name(), CHANGE).startMessageOnly()
        .correlateWithResult().getProcessInstance();

    assertThat(rollback).hasBusinessKey(CHANGE).hasPassed("StartEvent_RollbackRequested").isWaitingAt(PRESERVE_EVIDENCE);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("ROLLING_BACK");
  }

  @Test
  void aRollbackRolloutInProgressIsPolledUntilDone() {
    beans.rollBackTarget.then(e -> ROLLOUT_STATE.set(e, "IN_PROGRESS"));
    AtomicInteger checks = new AtomicInteger();
    beans.checkRollback.then(e -> ROLLOUT_STATE.set(e, checks.incrementAndGet() < 2 ? "IN_PROGRESS" : "HEALTHY"));
    ProcessInstance rollback = startRollback();

    DeploymentProcessTest.runToEnd(rollback);

    assertThat(rollback).isWaitingAt(POSTMORTEM).hasPassed(CHECK_ROLLBACK, VERIFY);
    Assertions.assertThat(checks).hasValue(2);
  }

  @Test
  void aMigrationIsUndoneByItsAdapterAfterItsTarget() {
    beans.loadRollbackTarget.then(beans.loadRollbackTarget.behaviour()
        .andThen(e -> MIGRATION_UNDO.setLocal(e, RollbackProcess.UNDO_ADAPTER)));
    ProcessInstance rollback = startRollback();

    DeploymentProcessTest.runToEnd(rollback);

    assertThat(rollback).hasPassedInOrder(ROLL_BACK_TARGET, ROLL_BACK_MIGRATION, VERIFY).isWaitingAt(POSTMORTEM);
  }

  @Test
  void aMigrationWithARestoreCheckpointNoteGoesToOperations() {
    beans.loadRollbackTarget.then(beans.loadRollbackTarget.behaviour().andThen(e -> {
      MIGRATION_UNDO.setLocal(e, RollbackProcess.UNDO_CHECKPOINT);
      RollbackProcess.CHECKPOINT_NOTE.setLocal(e, "restore snapshot pre-CHG-1001");
    }));
    ProcessInstance rollback = startRollback();
    DeploymentProcessTest.runToEnd(rollback);

    assertThat(rollback).isWaitingAt(RESTORE_CHECKPOINT);
    Task restore = task(RESTORE_CHECKPOINT, rollback);
    Assertions.assertThat(taskService().getIdentityLinksForTask(restore.getId()))
        .extracting(l -> l.getGroupId()).containsExactly("operations");
    Assertions.assertThat(taskService().getVariable(restore.getId(), "checkpointNote"))
        .isEqualTo("restore snapshot pre-CHG-1001");
    complete(restore, withVariables(ChangeProcess.COMMENT.name(), "snapshot restored, row counts checked"));
    DeploymentProcessTest.runToEnd(rollback);

    assertThat(rollback).hasPassed(RESTORE_CHECKPOINT, VERIFY).hasNotPassed(ROLL_BACK_MIGRATION).isWaitingAt(POSTMORTEM);
  }

  @Test
  void aRefusedRollbackRaisesAnIncidentAndATaskForOperationsAndEndsFailed() {
    beans.rollBackTarget.then(e -> {
      throw new BpmnError(RollbackProcess.ERROR_ROLLBACK_FAILED, "refused");
    });
    ProcessInstance rollback = startRollback();

    DeploymentProcessTest.runToEnd(rollback);

    assertThat(rollback).isWaitingAt(RESTORE_BY_HAND).hasPassed(RAISE_INCIDENT).hasNotPassed(VERIFY, RECORD_RESTORATION);
    Assertions.assertThat(taskService().getIdentityLinksForTask(task(RESTORE_BY_HAND, rollback).getId()))
        .extracting(l -> l.getGroupId()).containsExactly("operations");
    complete(task(RESTORE_BY_HAND, rollback), withVariables(RollbackProcess.RESOLUTION.name(), "redeployed 1.4.2 by hand"));

    assertThat(rollback).isEnded().hasPassed(END_FAILED).hasNotPassed(END_ROLLED_BACK, POSTMORTEM);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("ROLLING_BACK", "FAILED");
  }

  @Test
  void aMigrationThatCannotBeRolledBackFailsTheRollback() {
    beans.loadRollbackTarget.then(beans.loadRollbackTarget.behaviour()
        .andThen(e -> MIGRATION_UNDO.setLocal(e, RollbackProcess.UNDO_ADAPTER)));
    beans.rollBackMigration.then(e -> MIGRATION_ROLLED_BACK.set(e, false));
    ProcessInstance rollback = startRollback();

    DeploymentProcessTest.runToEnd(rollback);

    assertThat(rollback).isWaitingAt(RESTORE_BY_HAND).hasPassed("EndEvent_MigrationRollbackFailed");
  }

  @Test
  void anUnverifiedRecoveryIsAFailedRollbackNotASuccess() {
    beans.verifyRecovery.then(e -> RECOVERY_VERIFIED.set(e, false));
    ProcessInstance rollback = startRollback();

    DeploymentProcessTest.runToEnd(rollback);

    assertThat(rollback).isWaitingAt(RESTORE_BY_HAND).hasPassed(VERIFY).hasNotPassed(RECORD_RESTORATION);
  }

  @Test
  void operationsRestoreTheStatefulComponentsOneAfterTheOtherBeforeTheRecoveryIsVerified() {
    beans.preserveEvidence.then(beans.preserveEvidence.behaviour().andThen(e -> RollbackProcess.STATEFUL_COUNT.set(e, 2)));
    ProcessInstance rollback = startRollback();

    DeploymentProcessTest.runToEnd(rollback);

    assertThat(rollback).isWaitingAt(STATEFUL).hasNotPassed(VERIFY);
    Task first = task(STATEFUL, rollback);
    Assertions.assertThat(taskService().getIdentityLinksForTask(first.getId()))
        .extracting(l -> l.getGroupId()).containsExactly("operations");
    Assertions.assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(rollback.getId()).count())
        .isEqualTo(1);
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(rollback.getId()).count())
        .as("one at a time").isEqualTo(1);
    complete(first);
    DeploymentProcessTest.runToEnd(rollback);
    complete(task(STATEFUL, rollback));
    DeploymentProcessTest.runToEnd(rollback);

    assertThat(rollback).hasPassedInOrder(STATEFUL, VERIFY, RECORD_RESTORATION).isWaitingAt(POSTMORTEM);
    Assertions.assertThat(beans.statefulComponents.calls()).containsExactly("load:" + STATEFUL + ":0",
        "restored:" + STATEFUL + ":0", "load:" + STATEFUL + ":1", "restored:" + STATEFUL + ":1");
  }

  @Test
  void aRehearsalRollsBackWithoutAPostmortem() {
    beans.preserveEvidence.then(beans.preserveEvidence.behaviour().andThen(e -> RollbackProcess.REHEARSAL.set(e, true)));
    ProcessInstance rollback = startRollback();

    DeploymentProcessTest.runToEnd(rollback);

    assertThat(rollback).isEnded().hasPassed(RECORD_RESTORATION, END_DRY_RUN).hasNotPassed(POSTMORTEM, STATEFUL);
  }

  @Test
  void aDryRunRollsBackWithoutAPostmortem() {
    beans.preserveEvidence.then(beans.preserveEvidence.behaviour().andThen(e -> DRY_RUN.set(e, true)));
    ProcessInstance rollback = startRollback();

    DeploymentProcessTest.runToEnd(rollback);

    assertThat(rollback).isEnded().hasPassed(RECORD_RESTORATION, END_DRY_RUN).hasNotPassed(POSTMORTEM);
  }

  @Test
  void theEvidenceStepRetriesOnATechnicalFailureBeforeAnythingIsRolledBack() {
    beans.preserveEvidence.failing(new IllegalStateException("Argo CD history unavailable"));
    ProcessInstance rollback = startRollback();

    Assertions.assertThatThrownBy(() -> execute(job(rollback))).hasMessage("Argo CD history unavailable");

    Assertions.assertThat(job(rollback).getRetries()).isEqualTo(4);
    Assertions.assertThat(beans.rollBackTarget.neverRan()).isTrue();
  }
}
