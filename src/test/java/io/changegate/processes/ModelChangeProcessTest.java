package io.changegate.processes;

import io.changegate.change.ChangeProcess;
import static io.changegate.governance.ModelChangeProcess.ACTIVATION;
import static io.changegate.governance.ModelChangeProcess.MODEL_CHANGE;
import static io.changegate.governance.ModelChangeProcess.MODEL_CHANGE_ID;
import static io.changegate.governance.ModelChangeProcess.MODEL_CHECK;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.identityService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.governance.ModelChange;
import io.changegate.governance.ModelChangeProcess;
import io.changegate.governance.ModelChangeService;
import io.changegate.governance.ModelChangeStatus;
import io.changegate.governance.ReviewRole;
import io.changegate.governance.process.ModelChangeReviewListener;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;

/**
 * processes/model-change.bpmn: the checks decide whether anyone is asked; a second process owner, then security,
 * review; approved, the models are activated (or found outdated); rejected, they end. The engine holds each review
 * to the four-eyes rule: the real review listener runs, with its decisions taken by a test double of the service.
 */
@Deployment(resources = ProcessTestSupport.MODEL_CHANGE_BPMN)
class ModelChangeProcessTest extends ProcessTestSupport {

  static final String MC = "MC-000001";
  static final String CHECK = ModelChangeProcess.TASK_CHECK;
  static final String OWNER_REVIEW = ModelChangeProcess.TASK_PROCESS_OWNER_REVIEW;
  static final String SECURITY_REVIEW = ModelChangeProcess.TASK_SECURITY_REVIEW;
  static final String ACTIVATE = ModelChangeProcess.TASK_ACTIVATE;

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  final RecordingDelegate checkModelChange = new RecordingDelegate();
  final RecordingDelegate activateModelChange =
      new RecordingDelegate().then(e -> ACTIVATION.set(e, ModelChangeProcess.ACTIVATED));
  final ModelChangeService modelChanges = Mockito.mock(ModelChangeService.class);

  @BeforeEach
  void beansAndReviewers() {
    Mocks.register("checkModelChange", checkModelChange);
    Mocks.register("activateModelChange", activateModelChange);
    Mocks.register("modelChangeReview", new ModelChangeReviewListener(modelChanges, new ObjectMapper()));
    ModelChange modelChange = new ModelChange(MC, "d1", "required-sign-offs", "process-owner", Instant.now(), null,
        ModelChangeStatus.IN_REVIEW, null, Instant.now());
    Mockito.when(modelChanges.byProcessInstance(anyString())).thenReturn(modelChange);
    Mockito.when(modelChanges.details(MC)).thenReturn(Optional.of(
        new ModelChangeService.Details(modelChange, List.of(), List.of(), List.of(), List.of())));
    IdentityService identity = identityService();
    identity.saveGroup(identity.newGroup("process-owners"));
    identity.saveGroup(identity.newGroup("security"));
    for (String[] member : new String[][] {{"process-owner", "process-owners"}, {"process-owner-2", "process-owners"},
        {"security-officer", "security"}}) {
      identity.saveUser(identity.newUser(member[0]));
      identity.createMembership(member[0], member[1]);
    }
  }

  @AfterEach
  void removeReviewers() {
    IdentityService identity = processEngine.getIdentityService();
    identity.clearAuthentication();
    List.of("process-owner", "process-owner-2", "security-officer").forEach(identity::deleteUser);
    List.of("process-owners", "security").forEach(identity::deleteGroup);
  }

  private ProcessInstance deployed(String checkOutcome) {
    checkModelChange.then(e -> MODEL_CHECK.set(e, checkOutcome));
    ProcessInstance instance = runtimeService().startProcessInstanceByKey(MODEL_CHANGE, MC,
        withVariables(MODEL_CHANGE_ID.name(), MC));
    assertThat(instance).isWaitingAt(CHECK);
    execute(job());
    return instance;
  }

  private void completeAs(String user, String decision, String comment) {
    identityService().setAuthentication(user, List.of());
    try {
      taskService().complete(task().getId(), withVariables(ChangeProcess.DECISION.name(), decision, ChangeProcess.COMMENT.name(), comment));
    } finally {
      identityService().clearAuthentication();
    }
  }

  private static List<String> candidateGroups() {
    return taskService().getIdentityLinksForTask(task().getId()).stream().map(IdentityLink::getGroupId)
        .filter(g -> g != null).toList();
  }

  @Test
  void failedChecksEndItWithoutAskingAnyone() {
    ProcessInstance instance = deployed(ModelChangeProcess.CHECK_FAILED);

    assertThat(instance).isEnded().hasPassed("EndEvent_ChecksFailed").hasNotPassed(OWNER_REVIEW);
    Assertions.assertThat(checkModelChange.onlyRun().businessKey()).isEqualTo(MC);
  }

  @Test
  void aProposalEqualToTheApprovedVersionsEndsWithNothingToActivate() {
    assertThat(deployed(ModelChangeProcess.CHECK_UNCHANGED)).isEnded().hasPassed("EndEvent_NothingChanged");
  }

  @Test
  void aSecondProcessOwnerThenSecurityApproveAndTheModelsAreActivated() {
    ProcessInstance instance = deployed(ModelChangeProcess.CHECK_PASSED);

    assertThat(instance).isWaitingAt(OWNER_REVIEW);
    Assertions.assertThat(taskService().getIdentityLinksForTask(task().getId())).as("the deployer is not offered it")
        .extracting(IdentityLink::getUserId).containsExactly("process-owner-2");
    Assertions.assertThat(taskService().getVariableLocal(task().getId(), "deployedBy")).isEqualTo("process-owner");
    completeAs("process-owner-2", "APPROVE", null);
    Mockito.verify(modelChanges).decide(instance.getId(), ReviewRole.PROCESS_OWNER, "process-owner-2", true,
        "APPROVE", null);
    execute(job());

    assertThat(instance).isWaitingAt(SECURITY_REVIEW);
    Assertions.assertThat(candidateGroups()).containsExactly("security");
    Assertions.assertThat(runtimeService().getVariable(instance.getId(), "decision"))
        .as("the process owner's decision does not prefill security's form").isNull();
    completeAs("security-officer", "APPROVE", null);
    Mockito.verify(modelChanges).decide(instance.getId(), ReviewRole.SECURITY, "security-officer", true, "APPROVE",
        null);
    execute(job());

    assertThat(instance).isWaitingAt(ACTIVATE);
    execute(job());
    assertThat(instance).isEnded().hasPassedInOrder(CHECK, OWNER_REVIEW, SECURITY_REVIEW, ACTIVATE,
        "EndEvent_ModelsActivated");
  }

  @Test
  void aRefusedReviewerLeavesTheTaskAsItWas() {
    ProcessInstance instance = deployed(ModelChangeProcess.CHECK_PASSED);
    Mockito.doThrow(new GovernanceRefusal("process-owner deployed " + MC + " and cannot review it"))
        .when(modelChanges).decide(anyString(), eq(ReviewRole.PROCESS_OWNER), eq("process-owner"), anyBoolean(),
            anyString(), isNull());
    Mockito.doThrow(new GovernanceRefusal("process-owner deployed " + MC + " and cannot review it"))
        .when(modelChanges).checkReviewer(anyString(), any(), eq("process-owner"), anyBoolean());

    Assertions.assertThatThrownBy(() -> completeAs("process-owner", "APPROVE", null))
        .hasRootCauseInstanceOf(GovernanceRefusal.class);
    Assertions.assertThatThrownBy(() -> taskService().claim(task().getId(), "process-owner"))
        .hasRootCauseInstanceOf(GovernanceRefusal.class);
    // membership is the engine's fact: someone outside process-owners is checked as a non-member
    taskService().claim(task().getId(), "security-officer");
    Mockito.verify(modelChanges).checkReviewer(instance.getId(), ReviewRole.PROCESS_OWNER, "security-officer",
        false);

    assertThat(instance).isWaitingAt(OWNER_REVIEW);
  }

  @Test
  void aRejectionByTheProcessOwnerOrBySecurityEndsIt() {
    ProcessInstance byOwner = deployed(ModelChangeProcess.CHECK_PASSED);
    completeAs("process-owner-2", "REJECT", "not asked for");
    execute(job());
    assertThat(byOwner).isEnded().hasPassed("EndEvent_RejectedByOwner").hasNotPassed(SECURITY_REVIEW);

    ProcessInstance bySecurity = deployed(ModelChangeProcess.CHECK_PASSED);
    completeAs("process-owner-2", "APPROVE", null);
    execute(job());
    completeAs("security-officer", "REJECT", "weakens the audit");
    execute(job());
    assertThat(bySecurity).isEnded().hasPassed("EndEvent_RejectedBySecurity").hasNotPassed(ACTIVATE);
  }

  @Test
  void anActivationThatFindsANewerApprovedVersionEndsOutdated() {
    activateModelChange.then(e -> ACTIVATION.set(e, ModelChangeProcess.OUTDATED));
    ProcessInstance instance = deployed(ModelChangeProcess.CHECK_PASSED);
    completeAs("process-owner-2", "APPROVE", null);
    execute(job());
    completeAs("security-officer", "APPROVE", null);
    execute(job());
    execute(job());

    assertThat(instance).isEnded().hasPassed("EndEvent_ModelChangeOutdated");
  }
}
