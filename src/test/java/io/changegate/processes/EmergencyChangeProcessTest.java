package io.changegate.processes;

import io.changegate.emergency.EmergencyProcess;
import io.changegate.change.ChangeProcess;
import io.changegate.audit.AuditAction;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;
import static io.changegate.change.ChangeProcess.DEPLOYMENT;
import static io.changegate.change.ChangeProcess.EMERGENCY_CHANGE;
import static io.changegate.monitoring.MonitoringProcess.VALIDATION_PASSED;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.identityService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.changegate.emergency.PirVerdict;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.notification.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

/**
 * processes/emergency-change.bpmn: register, ECAB approval by someone other than the requester (overdue
 * escalates without blocking), blackout override, deploy at once, post-implementation review by the CAB
 * (overdue escalates), rejection and cancellation.
 */
@Deployment(resources = {ProcessTestSupport.EMERGENCY_CHANGE_BPMN, ProcessTestSupport.DEPLOYMENT_BPMN,
    ProcessTestSupport.ROLLBACK_BPMN})
class EmergencyChangeProcessTest extends ProcessTestSupport {

  static final String REGISTER = "Task_RegisterEmergency";
  static final String ECAB_APPROVAL = "Task_EcabApproval";
  static final String ECAB_OVERDUE = "BoundaryEvent_EcabOverdue";
  static final String NOTIFY_ECAB = "Task_NotifyEcabOverdue";
  static final String GATEWAY_APPROVED = "Gateway_EcabApproved";
  static final String BLACKOUT_OVERRIDE = "Task_RecordBlackoutOverride";
  static final String DEPLOY = "CallActivity_DeployEmergencyChange";
  static final String PIR = "Task_PostImplementationReview";
  static final String PIR_OVERDUE = "BoundaryEvent_PirOverdue";
  static final String NOTIFY_PIR = "Task_NotifyPirOverdue";
  static final String END_CLOSED = "EndEvent_EmergencyChangeClosed";
  static final String END_REJECTED = "EndEvent_EmergencyChangeRejected";

  static final String APPROVER = "cab-chair";

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  private ProcessInstance startEmergencyChange() {
    return runtimeService().startProcessInstanceByKey(EMERGENCY_CHANGE, CHANGE,
        withVariables(CHANGE_ID.name(), CHANGE));
  }

  private ProcessInstance approvedAndDeployed() {
    ProcessInstance change = startEmergencyChange();
    identityService().setAuthenticatedUserId(APPROVER);
    complete(task(change), withVariables(DECISION.name(), "APPROVE"));
    execute(job(change));
    runDeployment(calledProcessInstance(DEPLOYMENT, change));
    return change;
  }

  /**
   * Runs the jobs of the deployment (and of a rollback it calls) until it ends or waits for a person,
   * leaving the review's overdue timer alone.
   */
  private static void runDeployment(ProcessInstance deployment) {
    for (int round = 0; round < 200; round++) {
      if (runtimeService().createProcessInstanceQuery().processInstanceId(deployment.getId()).count() == 0) {
        return;
      }
      List<Job> jobs = new java.util.ArrayList<>(jobQuery().processInstanceId(deployment.getId()).list());
      runtimeService().createProcessInstanceQuery().superProcessInstanceId(deployment.getId()).list()
          .forEach(called -> jobs.addAll(jobQuery().processInstanceId(called.getId()).list()));
      if (jobs.isEmpty()) {
        return;
      }
      execute(jobs.get(0));
    }
    throw new AssertionError("the deployment did not end after 200 jobs");
  }

  @Test
  void registersLoadsAndWaitsForTheEcabWithItsFormAndA30MinuteDeadline() {
    Instant before = Instant.now();
    ProcessInstance change = startEmergencyChange();

    Assertions.assertThat(beans.registerEmergencyChange.onlyRun().activityId()).isEqualTo(REGISTER);
    Assertions.assertThat(beans.loadChangeForReview.onlyRun().activityId()).isEqualTo(REGISTER);
    assertThat(change).isWaitingAt(ECAB_APPROVAL);
    assertThat(task(change)).hasCandidateGroup("ecab").hasName("Approve emergency change (ECAB)");
    Task ecabTask = taskQuery().processInstanceBusinessKey(CHANGE).initializeFormKeys().singleResult();
    CamundaFormRef form = ecabTask.getCamundaFormRef();
    Assertions.assertThat(form.getKey()).isEqualTo("ecab-approval");
    Assertions.assertThat(form.getBinding()).isEqualTo("latest");
    Assertions.assertThat(ecabTask.getDueDate().toInstant())
        .isBetween(before.plus(Duration.ofMinutes(30)), Instant.now().plus(Duration.ofMinutes(30)));
    Job overdue = jobQuery().timers().activityId(ECAB_OVERDUE).singleResult();
    Assertions.assertThat(overdue.getDuedate()).isCloseTo(ecabTask.getDueDate(), 1000);
  }

  @Test
  void approvedEmergencyDeploysAtOnceThenTheCabReviewsIt() {
    ProcessInstance change = approvedAndDeployed();

    assertThat(change).hasPassed(GATEWAY_APPROVED, BLACKOUT_OVERRIDE, DEPLOY).isWaitingAt(PIR);
    Assertions.assertThat(beans.recordBlackoutOverride.onlyRun().businessKey()).isEqualTo(CHANGE);
    Assertions.assertThat(beans.checkCalendar.neverRan()).as("no scheduling: it deploys at once").isTrue();
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("APPROVED", "DEPLOYING", "VALIDATING",
        "COMPLETED");
    assertThat(task(change)).hasCandidateGroup("cab");
    Task pir = taskQuery().processInstanceBusinessKey(CHANGE).initializeFormKeys().singleResult();
    Assertions.assertThat(pir.getCamundaFormRef().getKey()).isEqualTo("post-implementation-review");
    Assertions.assertThat(pir.getDueDate()).isAfter(java.util.Date.from(Instant.now().plus(Duration.ofDays(1))));
    Object timeline = taskService().getVariableLocal(pir.getId(), "timeline");
    Assertions.assertThat(timeline.toString()).contains("SUBMITTED").contains("DECISION");

    identityService().setAuthenticatedUserId(APPROVER);
    complete(pir, withVariables(EmergencyProcess.PIR_VERDICT.name(), "ACCEPTED"));

    assertThat(change).isEnded().hasPassed(END_CLOSED);
    Mockito.verify(beans.emergency.records).reviewed(CHANGE, PirVerdict.ACCEPTED, APPROVER, null, EmergencyBeans.NOW);
  }

  @Test
  void failedValidationTakesTheRollbackPathBeforeAnyReview() {
    beans.validateChange.then(e -> VALIDATION_PASSED.set(e, false));

    ProcessInstance change = approvedAndDeployed();

    assertThat(change).isWaitingAt(DEPLOY).hasNotPassed(END_REJECTED);
    Assertions.assertThat(beans.changeStatus.statuses()).contains("ROLLING_BACK");
  }

  @Test
  void abuseNeedsAReasonAndIsRecorded() {
    ProcessInstance change = approvedAndDeployed();
    Task pir = task(change);
    identityService().setAuthenticatedUserId(APPROVER);

    Assertions.assertThatThrownBy(() -> complete(pir, withVariables(EmergencyProcess.PIR_VERDICT.name(), "SHOULD_HAVE_BEEN_NORMAL")))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause().hasMessageContaining("Say why");
    Assertions.assertThatThrownBy(() -> complete(pir, withVariables(EmergencyProcess.PIR_VERDICT.name(), "FINE")))
        .hasRootCauseInstanceOf(GovernanceRefusal.class);
    assertThat(change).isWaitingAt(PIR);

    complete(pir, withVariables(EmergencyProcess.PIR_VERDICT.name(), "SHOULD_HAVE_BEEN_NORMAL", COMMENT.name(), "Could wait a day"));

    Mockito.verify(beans.emergency.records).reviewed(CHANGE, PirVerdict.SHOULD_HAVE_BEEN_NORMAL, APPROVER,
        "Could wait a day", EmergencyBeans.NOW);
    Mockito.verify(beans.emergency.audit).record(ArgumentMatchers.eq(APPROVER), ArgumentMatchers.eq(AuditAction.PIR_RECORDED),
        ArgumentMatchers.eq(CHANGE), ArgumentMatchers.anyMap());
  }

  @Test
  void rejectedEmergencyEndsRejectedWithoutDeploymentOrReview() {
    ProcessInstance change = startEmergencyChange();
    identityService().setAuthenticatedUserId(APPROVER);

    complete(task(change), withVariables(DECISION.name(), "REJECT", COMMENT.name(), "Not an emergency"));
    execute(job(change));

    assertThat(change).isEnded().hasPassed(END_REJECTED).hasNotPassed(DEPLOY, PIR);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("REJECTED");
    Assertions.assertThat(historyService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(DEPLOYMENT).count()).isZero();
  }

  @Test
  void aDecisionLeftOverFromElsewhereDoesNotCountForTheEcab() {
    ProcessInstance change = runtimeService().startProcessInstanceByKey(EMERGENCY_CHANGE, CHANGE,
        withVariables(CHANGE_ID.name(), CHANGE, DECISION.name(), "APPROVE", COMMENT.name(), "stale"));
    identityService().setAuthenticatedUserId(APPROVER);

    Assertions.assertThat(runtimeService().getVariable(change.getId(), DECISION.name())).isNull();
    Assertions.assertThatThrownBy(() -> complete(task(change)))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause().hasMessageContaining("needs a decision");
    assertThat(change).isWaitingAt(ECAB_APPROVAL);
  }

  @Test
  void theRequesterCanNeitherClaimNorApproveTheirOwnEmergency() {
    ProcessInstance change = startEmergencyChange();
    Task ecabTask = task(change);

    Assertions.assertThatThrownBy(() -> taskService().claim(ecabTask.getId(), EmergencyBeans.REQUESTER))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause().hasMessageContaining("segregation of duties");
    identityService().setAuthenticatedUserId(EmergencyBeans.REQUESTER);
    Assertions.assertThatThrownBy(() -> complete(ecabTask, withVariables(DECISION.name(), "APPROVE")))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause().hasMessageContaining("cannot complete");

    assertThat(change).isWaitingAt(ECAB_APPROVAL);
    Assertions.assertThat(task(change).getAssignee()).isNull();
    Assertions.assertThat(beans.changeStatus.statuses()).isEmpty();
  }

  @Test
  void ecabOverdueTellsEcabAndCabWithoutBlocking() {
    ProcessInstance change = startEmergencyChange();

    execute(jobQuery().timers().activityId(ECAB_OVERDUE).singleResult());
    assertThat(change).isWaitingAt(ECAB_APPROVAL, NOTIFY_ECAB);
    execute(jobQuery().activityId(NOTIFY_ECAB).singleResult());

    ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
    Mockito.verify(beans.emergency.notifications).send(sent.capture());
    Assertions.assertThat(sent.getValue().groups()).containsExactly("ecab", "cab");
    Assertions.assertThat(sent.getValue().subject()).contains(CHANGE).contains("overdue");
    Mockito.verify(beans.emergency.audit).record(ArgumentMatchers.eq("changegate"), ArgumentMatchers.eq(AuditAction.ESCALATED),
        ArgumentMatchers.eq(CHANGE), ArgumentMatchers.anyMap());
    assertThat(change).isWaitingAt(ECAB_APPROVAL);

    identityService().setAuthenticatedUserId(APPROVER);
    complete(task(change), withVariables(DECISION.name(), "APPROVE"));
    assertThat(change).hasPassed(ECAB_APPROVAL);
  }

  @Test
  void pirOverdueTellsTheCab() {
    ProcessInstance change = approvedAndDeployed();

    execute(jobQuery().timers().activityId(PIR_OVERDUE).singleResult());
    execute(jobQuery().activityId(NOTIFY_PIR).singleResult());

    ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
    Mockito.verify(beans.emergency.notifications).send(sent.capture());
    Assertions.assertThat(sent.getValue().groups()).containsExactly("cab");
    assertThat(change).isWaitingAt(PIR);
  }

  @Test
  void aCancelledEmergencyStopsWhereverItIs() {
    ProcessInstance change = startEmergencyChange();

    runtimeService().createMessageCorrelation("ChangeCancelled").processInstanceId(change.getId())
        .setVariable(ChangeProcess.CANCELLED_BY.name(), "ops-engineer").correlate();

    assertThat(change).isEnded();
    Assertions.assertThat(beans.recordCancellation.onlyRun().businessKey()).isEqualTo(CHANGE);
    Assertions.assertThat(taskQuery().processInstanceBusinessKey(CHANGE).count()).isZero();
  }
}
