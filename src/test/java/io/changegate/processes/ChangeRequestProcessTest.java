package io.changegate.processes;

import io.changegate.emergency.EmergencyProcess;
import io.changegate.risk.FmeaProcess;
import io.changegate.change.ChangeProcess;
import static io.changegate.change.ChangeProcess.CANCELLED_BY;
import static io.changegate.change.ChangeProcess.CANCEL_REASON;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.CHANGE_REQUEST;
import static io.changegate.change.ChangeProcess.CHANGE_TYPE;
import static io.changegate.change.ChangeProcess.CLASSIFICATION_REASON;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;
import static io.changegate.change.ChangeProcess.DEPLOYMENT;
import static io.changegate.change.ChangeProcess.EMERGENCY;
import static io.changegate.change.ChangeProcess.EMERGENCY_CHANGE;
import static io.changegate.change.ChangeProcess.EMERGENCY_JUSTIFIED;
import static io.changegate.change.ChangeProcess.MESSAGE_CHANGE_CANCELLED;
import static io.changegate.change.ChangeProcess.NORMAL_CHANGE;
import static io.changegate.change.ChangeProcess.STANDARD_CHANGE;
import static io.changegate.change.ChangeProcess.STANDARD_CHANGE_TEMPLATE;
import static io.changegate.change.ChangeProcess.TEMPLATE_FITS;
import static io.changegate.change.ChangeProcess.TEMPLATE_MISMATCH;
import static io.changegate.change.ChangeProcess.URGENCY;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.processInstanceQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/change-request.bpmn with the real classification decision and the real called flows (their
 * delegates mocked): routing by change type, the change id as business key of every instance, and the
 * ChangeCancelled message stopping a change wherever it is.
 */
@Deployment(resources = {ProcessTestSupport.CHANGE_REQUEST_BPMN, ProcessTestSupport.CLASSIFICATION_DMN,
    ProcessTestSupport.STANDARD_CHANGE_BPMN, ProcessTestSupport.NORMAL_CHANGE_BPMN,
    ProcessTestSupport.EMERGENCY_CHANGE_BPMN, ProcessTestSupport.DEPLOYMENT_BPMN, ProcessTestSupport.SIGN_OFF_BPMN,
    ProcessTestSupport.REQUIRED_SIGN_OFFS_DMN})
class ChangeRequestProcessTest extends ProcessTestSupport {

  static final String START = "StartEvent_ChangeRequested";
  static final String CLASSIFY = "Task_ClassifyChange";
  static final String RECORD_CLASSIFICATION = "Task_RecordClassification";
  static final String GATEWAY_CHANGE_TYPE = "Gateway_ChangeType";
  static final String RUN_STANDARD = "CallActivity_StandardChange";
  static final String RUN_NORMAL = "CallActivity_NormalChange";
  static final String RUN_EMERGENCY = "CallActivity_EmergencyChange";
  static final String END_CLOSED = "EndEvent_ChangeClosed";
  static final String CANCELLATION = "SubProcess_Cancellation";
  static final String RECORD_CANCELLATION = "Task_RecordCancellation";
  static final String END_CANCELLED = "EndEvent_ChangeCancelled";

  static final String FMEA_REVIEW = NormalChangeProcessTest.FMEA_REVIEW;
  static final String ECAB_APPROVAL = EmergencyChangeProcessTest.ECAB_APPROVAL;
  static final String TEMPLATE = "config-toggle";

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  private String fmeaReviewStandIn;

  @org.junit.jupiter.api.BeforeEach
  void fmeaReviewStandIn() {
    fmeaReviewStandIn = deployFmeaReviewStandIn();
  }

  @org.junit.jupiter.api.AfterEach
  void removeFmeaReviewStandIn() {
    processEngine.getRepositoryService().deleteDeployment(fmeaReviewStandIn, true);
  }

  /** The variables ChangeService.submit starts a change with: not an emergency, LOW urgency, no template. */
  private static VariableMap submitted(String changeId) {
    return Variables.createVariables()
        .putValue(CHANGE_ID.name(), changeId)
        .putValue(EMERGENCY.name(), false)
        .putValue(EMERGENCY_JUSTIFIED.name(), false)
        .putValue(URGENCY.name(), "LOW")
        .putValue(STANDARD_CHANGE_TEMPLATE.name(), null)
        .putValue(TEMPLATE_FITS.name(), false)
        .putValue(TEMPLATE_MISMATCH.name(), "");
  }

  private static VariableMap fitsTemplate(String changeId) {
    return submitted(changeId).putValue(STANDARD_CHANGE_TEMPLATE.name(), TEMPLATE).putValue(TEMPLATE_FITS.name(), true);
  }

  private static VariableMap emergency(String changeId, String urgency) {
    return submitted(changeId).putValue(EMERGENCY.name(), true).putValue(EMERGENCY_JUSTIFIED.name(), true)
        .putValue(URGENCY.name(), urgency);
  }

  /**
   * As the intake does: the request's transaction classifies the change and ends after "Record classification";
   * the job after it (run here) routes the change.
   */
  private ProcessInstance submit(String changeId, VariableMap facts) {
    ProcessInstance request = runtimeService().startProcessInstanceByKey(CHANGE_REQUEST, changeId, facts);
    if (request.isEnded()) {
      return request; // refused before it was classified (the scan gate): no job follows the intake's transaction
    }
    assertThat(request).isWaitingAt(RECORD_CLASSIFICATION);
    execute(job(request));
    return request;
  }

  private List<MessageCorrelationResult> cancel(String changeId) {
    // as ChangeService.cancel does
    return runtimeService().createMessageCorrelation(MESSAGE_CHANGE_CANCELLED)
        .processInstanceBusinessKey(changeId)
        .setVariable(CANCELLED_BY.name(), "requester")
        .setVariable(CANCEL_REASON.name(), "window moved")
        .correlateAllWithResult();
  }

  private void assertEveryInstanceCarriesTheChangeId(String changeId, String... processKeys) {
    List<HistoricProcessInstance> instances = historyService().createHistoricProcessInstanceQuery().list();
    Assertions.assertThat(instances).extracting(HistoricProcessInstance::getProcessDefinitionKey)
        .containsExactlyInAnyOrder(processKeys);
    Assertions.assertThat(instances).extracting(HistoricProcessInstance::getBusinessKey).containsOnly(changeId);
  }

  @Test
  void aChangeTheScanGateRefusesEndsRejectedBeforeItIsClassified() {
    beans.scanVerdict("REFUSE", "1 critical finding(s): fix them before this artifact is deployed");
    ProcessInstance request = submit(CHANGE, fitsTemplate(CHANGE));

    assertThat(request).isEnded().hasPassedInOrder(START, "Task_CheckSecurityScans", "Gateway_ScanVerdict",
        "EndEvent_RefusedByScanGate").hasNotPassed(CLASSIFY);
    Assertions.assertThat(beans.checkSecurityScans.onlyRun().businessKey()).isEqualTo(CHANGE);
    Assertions.assertThat(beans.recordClassification.neverRan()).isTrue();
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("REJECTED");
  }

  @Test
  void aTemplateChangeWhoseScansNeedASignOffIsReviewedAsNormal() {
    beans.scanVerdict("SIGN_OFF", "2 high finding(s): security must sign off");
    ProcessInstance request = submit(CHANGE, fitsTemplate(CHANGE));

    assertThat(request).hasPassedInOrder(START, "Task_CheckSecurityScans", CLASSIFY).isWaitingAt(RUN_NORMAL)
        .variables().containsEntry(CHANGE_TYPE.name(), "NORMAL");
    Assertions.assertThat(beans.recordClassification.onlyRun().variable(CLASSIFICATION_REASON.name())).asString()
        .contains("2 high finding(s)");
  }

  @Test
  void standardChangeRunsTheStandardFlowAndCloses() {
    ProcessInstance request = submit(CHANGE, fitsTemplate(CHANGE));

    assertThat(request).hasPassedInOrder(START, CLASSIFY, RECORD_CLASSIFICATION, GATEWAY_CHANGE_TYPE)
        .isWaitingAt(RUN_STANDARD)
        .variables().containsEntry(CHANGE_TYPE.name(), "STANDARD")
        .containsEntry(CLASSIFICATION_REASON.name(), "Fits pre-approved template " + TEMPLATE);
    RecordingDelegate.Run recorded = beans.recordClassification.onlyRun();
    Assertions.assertThat(recorded.variable(CHANGE_ID.name())).isEqualTo(CHANGE);
    Assertions.assertThat(recorded.variable(CHANGE_TYPE.name())).isEqualTo("STANDARD");
    Assertions.assertThat(recorded.variable(CLASSIFICATION_REASON.name())).asString().contains(TEMPLATE);

    ProcessInstance standard = calledProcessInstance(STANDARD_CHANGE, request);
    ProcessInstance deployment = calledProcessInstance(DEPLOYMENT, standard);
    assertThat(standard).hasBusinessKey(CHANGE);
    assertThat(deployment).hasBusinessKey(CHANGE);

    DeploymentProcessTest.runToEnd(deployment);

    assertThat(request).isEnded().hasPassed(RUN_STANDARD, END_CLOSED).hasNotPassed(RUN_NORMAL, RUN_EMERGENCY);
    assertThat(standard).isEnded();
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "VALIDATING", "COMPLETED");
    assertEveryInstanceCarriesTheChangeId(CHANGE, CHANGE_REQUEST, STANDARD_CHANGE, DEPLOYMENT);
  }

  @Test
  void normalChangeIsReviewedAndClosesAfterDeployment() {
      ProcessInstance request = submit(CHANGE, submitted(CHANGE));

      assertThat(request).isWaitingAt(RUN_NORMAL).variables().containsEntry(CHANGE_TYPE.name(), "NORMAL");
      ProcessInstance normal = calledProcessInstance(NORMAL_CHANGE, request);
      assertThat(normal).hasBusinessKey(CHANGE).isWaitingAt(FMEA_REVIEW)
          .variables().containsEntry(CHANGE_ID.name(), CHANGE).containsKey(CLASSIFICATION_REASON.name());

      // the requester finds the FMEA task by the change id (docs/names.md)
      Task fmea = taskQuery().processInstanceBusinessKey(CHANGE).singleResult();
      assertThat(fmea).hasDefinitionKey(FMEA_STAND_IN);

      // LOW risk, staging: the table requires no sign-off
      complete(fmea, withVariables(ChangeProcess.RISK_LEVEL.name(), "LOW", FmeaProcess.FMEA_DECISION.name(), "APPROVE"));
      ProcessInstance deployment = calledProcessInstance(DEPLOYMENT, normal);
      DeploymentProcessTest.runToEnd(deployment);

      assertThat(request).isEnded().hasPassed(RUN_NORMAL, END_CLOSED).hasNotPassed(RUN_STANDARD, RUN_EMERGENCY);
      Assertions.assertThat(beans.changeStatus.statuses())
          .containsExactly("APPROVED", "DEPLOYING", "VALIDATING", "COMPLETED");
      assertEveryInstanceCarriesTheChangeId(CHANGE, CHANGE_REQUEST, NORMAL_CHANGE, "fmea-review", "sign-off",
          DEPLOYMENT);
  }

  @Test
  void emergencyChangeWaitsForTheEcabAndClosesAfterDeploymentAndReview() {
    ProcessInstance request = submit(CHANGE, emergency(CHANGE, "HIGH"));

    assertThat(request).isWaitingAt(RUN_EMERGENCY).variables().containsEntry(CHANGE_TYPE.name(), "EMERGENCY");
    ProcessInstance emergency = calledProcessInstance(EMERGENCY_CHANGE, request);
    assertThat(emergency).hasBusinessKey(CHANGE).isWaitingAt(ECAB_APPROVAL);
    Task ecabTask = taskQuery().processInstanceBusinessKey(CHANGE).singleResult();
    assertThat(ecabTask).hasDefinitionKey(ECAB_APPROVAL).hasCandidateGroup("ecab");

    complete(ecabTask, withVariables(DECISION.name(), "APPROVE"));
    execute(job(emergency));
    ProcessInstance deployment = calledProcessInstance(DEPLOYMENT, emergency);
    DeploymentProcessTest.runToEnd(deployment);
    assertThat(emergency).isWaitingAt("Task_PostImplementationReview");
    complete(taskQuery().processInstanceBusinessKey(CHANGE).singleResult(), withVariables(EmergencyProcess.PIR_VERDICT.name(), "ACCEPTED"));

    assertThat(request).isEnded().hasPassed(RUN_EMERGENCY, END_CLOSED).hasNotPassed(RUN_STANDARD, RUN_NORMAL);
    assertEveryInstanceCarriesTheChangeId(CHANGE, CHANGE_REQUEST, EMERGENCY_CHANGE, DEPLOYMENT);
  }

  @Test
  void routingFollowsTheDecisionNotTheRequest() {
    // emergency asked for with MEDIUM urgency: the decision says NORMAL, so it goes to the FMEA review
    ProcessInstance request = submit(CHANGE, emergency(CHANGE, "MEDIUM"));

    assertThat(request).isWaitingAt(RUN_NORMAL).variables().containsEntry(CHANGE_TYPE.name(), "NORMAL");
    Assertions.assertThat(beans.recordClassification.onlyRun().variable(CLASSIFICATION_REASON.name())).asString()
        .contains("MEDIUM");
    assertThat(calledProcessInstance(NORMAL_CHANGE, request)).isWaitingAt(FMEA_REVIEW);
  }

  @Test
  void rejectedChangeAlsoCloses() {
    ProcessInstance request = submit(CHANGE, submitted(CHANGE));
    calledProcessInstance(NORMAL_CHANGE, request);

    complete(taskQuery().processInstanceBusinessKey(CHANGE).singleResult(),
        withVariables(ChangeProcess.RISK_LEVEL.name(), "HIGH", FmeaProcess.FMEA_DECISION.name(), "REJECT", FmeaProcess.FMEA_COMMENT.name(), "too risky"));

    assertThat(request).isEnded().hasPassed(END_CLOSED);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("REJECTED");
  }

  @Test
  void cancellationStopsAChangeInReviewAndOnlyThatChange() {
    String other = "CHG-1002";
    ProcessInstance request = submit(CHANGE, submitted(CHANGE));
    ProcessInstance otherRequest = submit(other, submitted(other));
    ProcessInstance normal = calledProcessInstance(NORMAL_CHANGE, request);

    List<MessageCorrelationResult> correlated = cancel(CHANGE);

    Assertions.assertThat(correlated).as("only change-request listens for ChangeCancelled").hasSize(1);
    Assertions.assertThat(correlated.get(0).getExecution().getProcessInstanceId()).isEqualTo(request.getId());
    assertThat(request).isEnded().hasPassedInOrder(RECORD_CANCELLATION, END_CANCELLED).hasNotPassed(END_CLOSED);
    RecordingDelegate.Run recorded = beans.recordCancellation.onlyRun();
    Assertions.assertThat(recorded.variable(CHANGE_ID.name())).isEqualTo(CHANGE);
    Assertions.assertThat(recorded.variable(CANCELLED_BY.name())).isEqualTo("requester");
    Assertions.assertThat(recorded.variable(CANCEL_REASON.name())).isEqualTo("window moved");

    // the called flow and its task are gone
    assertThat(normal).isEnded();
    Assertions.assertThat(processInstanceQuery().processInstanceBusinessKey(CHANGE).count()).isZero();
    Assertions.assertThat(taskQuery().processInstanceBusinessKey(CHANGE).count()).isZero();
    Assertions.assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceId(normal.getId())
        .singleResult().getState()).isEqualTo(HistoricProcessInstance.STATE_INTERNALLY_TERMINATED);

    // the other change is untouched
    assertThat(otherRequest).isWaitingAt(RUN_NORMAL);
    Assertions.assertThat(taskQuery().processInstanceBusinessKey(other).count()).isOne();
  }

  @Test
  void cancellationStopsADeploymentInProgressTwoLevelsDown() {
    ProcessInstance request = submit(CHANGE, fitsTemplate(CHANGE));
    ProcessInstance standard = calledProcessInstance(STANDARD_CHANGE, request);
    ProcessInstance deployment = calledProcessInstance(DEPLOYMENT, standard);
    Assertions.assertThat(jobQuery().processInstanceId(deployment.getId()).count()).isOne();

    Assertions.assertThat(cancel(CHANGE)).hasSize(1);

    assertThat(request).isEnded().hasPassed(END_CANCELLED);
    assertThat(standard).isEnded();
    assertThat(deployment).isEnded();
    Assertions.assertThat(processInstanceQuery().processInstanceBusinessKey(CHANGE).count()).isZero();
    Assertions.assertThat(jobQuery().count()).as("the pending deployment job is gone").isZero();
    Assertions.assertThat(beans.deployTarget.neverRan()).isTrue();
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING");
  }

  @Test
  void aClosedChangeCannotBeCancelled() {
    ProcessInstance request = submit(CHANGE, fitsTemplate(CHANGE));
    ProcessInstance deployment = calledProcessInstance(DEPLOYMENT, calledProcessInstance(STANDARD_CHANGE, request));
    DeploymentProcessTest.runToEnd(deployment);
    assertThat(request).isEnded();

    // ChangeService.cancel answers 409 when nothing correlates
    Assertions.assertThat(cancel(CHANGE)).isEmpty();
    Assertions.assertThat(beans.recordCancellation.neverRan()).isTrue();
  }
}
