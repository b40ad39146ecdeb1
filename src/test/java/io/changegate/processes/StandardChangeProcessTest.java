package io.changegate.processes;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.DEPLOYMENT;
import static io.changegate.change.ChangeProcess.STANDARD_CHANGE;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/standard-change.bpmn: a pre-approved change is checked against the calendar, then deployed and
 * validated by the real deployment process (its calls out mocked). No human approval.
 */
@Deployment(resources = {ProcessTestSupport.STANDARD_CHANGE_BPMN, ProcessTestSupport.DEPLOYMENT_BPMN})
class StandardChangeProcessTest extends ProcessTestSupport {

  static final String START = "StartEvent_StandardChangeStarted";
  static final String CHECK_CALENDAR = "Task_CheckCalendar";
  static final String DEPLOY = "CallActivity_Deployment";
  static final String END_DONE = "EndEvent_StandardChangeDone";

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  /** As change-request calls it: the change id as business key and as the only variable. */
  private ProcessInstance startStandardChange() {
    return runtimeService().startProcessInstanceByKey(STANDARD_CHANGE, CHANGE,
        withVariables(CHANGE_ID.name(), CHANGE));
  }

  @Test
  void checksTheCalendarThenDeploysAndValidatesWithoutHumanApproval() {
    ProcessInstance change = startStandardChange();

    assertThat(change).hasPassedInOrder(START, CHECK_CALENDAR).isWaitingAt(DEPLOY);
    RecordingDelegate.Run calendar = beans.checkCalendar.onlyRun();
    Assertions.assertThat(calendar.variable(CHANGE_ID.name())).isEqualTo(CHANGE);
    Assertions.assertThat(calendar.businessKey()).isEqualTo(CHANGE);

    ProcessInstance deployment = calledProcessInstance(DEPLOYMENT, change);
    assertThat(deployment).hasBusinessKey(CHANGE).isWaitingAt(DeploymentProcessTest.FIRST_STEP)
        .variables().containsOnlyKeys(CHANGE_ID.name()).containsEntry(CHANGE_ID.name(), CHANGE);

    DeploymentProcessTest.runToEnd(deployment);

    assertThat(deployment).isEnded().hasPassed(DeploymentProcessTest.END_COMPLETED);
    assertThat(change).isEnded().hasPassedInOrder(CHECK_CALENDAR, DEPLOY, END_DONE);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "VALIDATING", "COMPLETED");
    Assertions.assertThat(historyService().createHistoricTaskInstanceQuery().count()).as("no approval").isZero();
    Assertions.assertThat(beans.loadChangeForReview.neverRan()).isTrue();
    Assertions.assertThat(beans.approvalDecision.calls()).isEmpty();
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
}
