package io.changegate.processes;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;
import static io.changegate.change.ChangeProcess.DEPLOYMENT;
import static io.changegate.change.ChangeProcess.EMERGENCY_CHANGE;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.identityService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

/**
 * processes/emergency-change.bpmn: one ECAB member approves and the change deploys at once (no calendar
 * check), or rejects it. Deployment runs in the real deployment process (its calls out mocked).
 */
@Deployment(resources = {ProcessTestSupport.EMERGENCY_CHANGE_BPMN, ProcessTestSupport.DEPLOYMENT_BPMN})
class EmergencyChangeProcessTest extends ProcessTestSupport {

  static final String START = "StartEvent_EmergencyChangeStarted";
  static final String ECAB_APPROVAL = "Task_EcabApproval";
  static final String GATEWAY_APPROVED = "Gateway_EcabApproved";
  static final String DEPLOY = "CallActivity_DeployEmergencyChange";
  static final String END_DONE = "EndEvent_EmergencyChangeDone";
  static final String END_REJECTED = "EndEvent_EmergencyChangeRejected";

  static final String ECAB = "ecab";
  static final String OPS_LEAD = "ops-lead";

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  private ProcessInstance startEmergencyChange() {
    return runtimeService().startProcessInstanceByKey(EMERGENCY_CHANGE, CHANGE,
        withVariables(CHANGE_ID.name(), CHANGE));
  }

  @Test
  void loadsTheChangeAndWaitsForTheEcabWithItsForm() {
    ProcessInstance change = startEmergencyChange();

    RecordingDelegate.Run load = beans.loadChangeForReview.onlyRun();
    Assertions.assertThat(load.activityId()).isEqualTo(START);
    Assertions.assertThat(load.variable(CHANGE_ID.name())).isEqualTo(CHANGE);

    assertThat(change).isWaitingAt(ECAB_APPROVAL);
    assertThat(task(change)).hasCandidateGroup(ECAB).hasName("Approve emergency change (ECAB)");
    Assertions.assertThat(taskQuery().taskCandidateGroup("cab").count()).as("not the regular CAB").isZero();

    Task ecabTask = taskQuery().processInstanceBusinessKey(CHANGE).initializeFormKeys().singleResult();
    CamundaFormRef form = ecabTask.getCamundaFormRef();
    Assertions.assertThat(form.getKey()).isEqualTo("ecab-approval");
    Assertions.assertThat(form.getBinding()).isEqualTo("latest");
  }

  @Test
  void approvedEmergencyDeploysAtOnceWithoutCalendarCheck() {
    ProcessInstance change = startEmergencyChange();
    identityService().setAuthenticatedUserId(OPS_LEAD);

    complete(task(change), withVariables(DECISION.name(), "APPROVE"));

    Assertions.assertThat(beans.approvalDecision.calls())
        .containsExactly(new RecordingApprovalDecision.Call(ECAB_APPROVAL, "APPROVE,REJECT", "APPROVE"));
    Mockito.verify(beans.approvalDecision.auditTrail()).record(ArgumentMatchers.eq(OPS_LEAD),
        ArgumentMatchers.eq("DECISION"), ArgumentMatchers.eq(CHANGE),
        ArgumentMatchers.argThat(details -> ECAB.equals(details.get("group"))));
    // asyncAfter: the approval is committed on its own
    assertThat(change).hasPassed(ECAB_APPROVAL).isNotEnded();
    Assertions.assertThat(job(change).getRetries()).isEqualTo(5);

    execute(job(change));

    assertThat(change).hasPassed(GATEWAY_APPROVED).isWaitingAt(DEPLOY);
    ProcessInstance deployment = calledProcessInstance(DEPLOYMENT, change);
    assertThat(deployment).hasBusinessKey(CHANGE).variables().containsEntry(CHANGE_ID.name(), CHANGE);

    DeploymentProcessTest.runToEnd(deployment);

    assertThat(change).isEnded().hasPassed(END_DONE).hasNotPassed(END_REJECTED);
    Assertions.assertThat(beans.checkCalendar.neverRan()).isTrue();
    Assertions.assertThat(beans.changeStatus.statuses())
        .containsExactly("APPROVED", "DEPLOYING", "VALIDATING", "COMPLETED");
  }

  @Test
  void rejectedEmergencyEndsRejectedWithoutDeployment() {
    ProcessInstance change = startEmergencyChange();

    complete(task(change), withVariables(DECISION.name(), "REJECT", COMMENT.name(), "Not an emergency"));
    execute(job(change));

    assertThat(change).isEnded().hasPassed(END_REJECTED).hasNotPassed(DEPLOY, END_DONE);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("REJECTED");
    Assertions.assertThat(historyService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(DEPLOYMENT).count()).isZero();
  }

  @Test
  void rejectionWithoutCommentOrAnUnofferedDecisionIsRefused() {
    ProcessInstance change = startEmergencyChange();
    Task ecabTask = task(change);

    Assertions.assertThatThrownBy(() -> complete(ecabTask, withVariables(DECISION.name(), "REJECT")))
        .hasRootCauseInstanceOf(BadUserRequestException.class)
        .rootCause().hasMessageContaining("rejection needs a comment");
    Assertions.assertThatThrownBy(() -> complete(ecabTask, withVariables(DECISION.name(), "REQUEST_CHANGES",
        COMMENT.name(), "more detail please")))
        .hasRootCauseInstanceOf(BadUserRequestException.class)
        .rootCause().hasMessageContaining("one of APPROVE,REJECT");

    assertThat(change).isWaitingAt(ECAB_APPROVAL);
    Mockito.verifyNoInteractions(beans.approvalDecision.auditTrail());
  }
}
