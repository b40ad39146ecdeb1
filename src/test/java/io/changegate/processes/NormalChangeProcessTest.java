package io.changegate.processes;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.CLASSIFICATION_REASON;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;
import static io.changegate.change.ChangeProcess.DEPLOYMENT;
import static io.changegate.change.ChangeProcess.NORMAL_CHANGE;
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
 * processes/normal-change.bpmn: the CAB approves or rejects; an approved change is scheduled, then deployed
 * and validated by the real deployment process (its calls out mocked).
 */
@Deployment(resources = {ProcessTestSupport.NORMAL_CHANGE_BPMN, ProcessTestSupport.DEPLOYMENT_BPMN})
class NormalChangeProcessTest extends ProcessTestSupport {

  static final String START = "StartEvent_NormalChangeStarted";
  static final String CAB_APPROVAL = "Task_CabApproval";
  static final String GATEWAY_APPROVED = "Gateway_CabApproved";
  static final String CHECK_CALENDAR = "Task_CheckPlannedSlot";
  static final String DEPLOY = "CallActivity_DeployApprovedChange";
  static final String END_DONE = "EndEvent_NormalChangeDone";
  static final String END_REJECTED = "EndEvent_NormalChangeRejected";

  static final String CAB = "cab";
  static final String CAB_CHAIR = "cab-chair";

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
}
