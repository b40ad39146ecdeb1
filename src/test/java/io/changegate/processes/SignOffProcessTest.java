package io.changegate.processes;

import io.changegate.audit.AuditAction;
import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.identityService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.changegate.approval.Decision;
import io.changegate.approval.ReviewProcess;
import io.changegate.approval.TaskRecords;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.notification.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

/**
 * processes/sign-off.bpmn with processes/required-sign-offs.dmn: the table decides the groups, each signs in
 * parallel, the first rejection or request for changes ends the round and cancels the others, an overdue
 * sign-off escalates without blocking, and the engine holds every signer to segregation of duties.
 */
@Deployment(resources = {ProcessTestSupport.SIGN_OFF_BPMN, ProcessTestSupport.REQUIRED_SIGN_OFFS_DMN})
class SignOffProcessTest extends ProcessTestSupport {

  static final String SIGN_OFF = ReviewProcess.TASK_SIGN_OFF;
  static final String END_SIGNED_OFF = "EndEvent_SignedOff";
  static final String END_REJECTED = "EndEvent_SignOffRejected";
  static final String END_CHANGES_REQUESTED = "EndEvent_SignOffChangesRequested";
  static final String NOTIFY_OVERDUE = "Task_NotifySignOffOverdue";

  /** Signers of the test; cab-chair is in operations too (one person, two groups). */
  static final Map<String, List<String>> SIGNERS = Map.of(
      "legal-counsel", List.of("legal"),
      "security-officer", List.of("security"),
      "ops-engineer", List.of("operations"),
      "cab-chair", List.of("cab", "operations"),
      EmergencyBeans.REQUESTER, List.of("operations"));

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  @BeforeEach
  void signers() {
    IdentityService identity = identityService();
    for (String group : List.of("legal", "security", "operations", "cab")) {
      identity.saveGroup(identity.newGroup(group));
    }
    SIGNERS.forEach((user, groups) -> {
      identity.saveUser(identity.newUser(user));
      groups.forEach(group -> identity.createMembership(user, group));
    });
  }

  @AfterEach
  void removeSigners() {
    IdentityService identity = processEngine.getIdentityService();
    identity.clearAuthentication();
    SIGNERS.keySet().forEach(identity::deleteUser);
    List.of("legal", "security", "operations", "cab").forEach(identity::deleteGroup);
  }

  private ProcessInstance startRound(Map<String, Object> facts) {
    beans.reviewContext.facts.putAll(facts);
    return runtimeService().startProcessInstanceByKey(ReviewProcess.SIGN_OFF, CHANGE,
        withVariables(CHANGE_ID.name(), CHANGE));
  }

  private ProcessInstance startEveryGroup() {
    return startRound(Map.of("regulated", true, "securityRelevant", true, "impact", "HIGH",
        "environmentKind", "PRODUCTION", "riskLevel", "HIGH"));
  }

  private Task signOffOf(ProcessInstance round, String group) {
    return taskQuery().processInstanceId(round.getId()).taskName("Sign off (" + group + ")").singleResult();
  }

  private void signAs(String user, Task task, String decision, String comment) {
    identityService().setAuthentication(user, SIGNERS.get(user));
    try {
      taskService().complete(task.getId(), withVariables(DECISION.name(), decision, COMMENT.name(), comment));
    } finally {
      identityService().clearAuthentication();
    }
  }

  /** Runs the async continuations after completed sign-offs (not the overdue timers). */
  private void continueAfterSignOffs(ProcessInstance round) {
    for (Job job : managementService().createJobQuery().processInstanceId(round.getId()).messages().list()) {
      execute(job);
    }
  }

  @Test
  void aHighRiskRegulatedSecurityRelevantProductionChangeNeedsFourGroupsInParallelEachWithAFormAndADueDate() {
    Instant before = Instant.now();
    ProcessInstance round = startEveryGroup();

    List<Task> open = taskQuery().processInstanceId(round.getId()).initializeFormKeys().list();
    Assertions.assertThat(open).hasSize(4);
    Assertions.assertThat(open).extracting(Task::getName).containsExactlyInAnyOrder(
        "Sign off (legal)", "Sign off (security)", "Sign off (operations)", "Sign off (cab)");
    for (String group : List.of("legal", "security", "operations", "cab")) {
      Assertions.assertThat(signOffOf(round, group)).as(group).isNotNull();
    }
    for (Task task : open) {
      Assertions.assertThat(task.getCamundaFormRef().getKey()).isEqualTo("sign-off");
      Assertions.assertThat(task.getCamundaFormRef().getBinding()).isEqualTo("latest");
      Assertions.assertThat(task.getDueDate().toInstant())
          .isBetween(before.plus(Duration.ofDays(2)).minusSeconds(1), Instant.now().plus(Duration.ofDays(2)));
    }
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(round.getId()).timers().count())
        .as("one escalation timer per sign-off").isEqualTo(4);
    Mockito.verify(beans.emergency.audit).record(ArgumentMatchers.eq("changegate"),
        ArgumentMatchers.eq(AuditAction.SIGN_OFFS_REQUIRED), ArgumentMatchers.eq(CHANGE),
        ArgumentMatchers.argThat(details -> List.of("legal", "security", "operations", "cab").equals(details.get("groups"))));
  }

  @Test
  void aSignOffOfTheRequestersOwnGroupIsOfferedToItsOtherMembersByName() {
    ProcessInstance round = startEveryGroup();

    Task operations = signOffOf(round, "operations");
    Assertions.assertThat(taskService().getIdentityLinksForTask(operations.getId()))
        .as(EmergencyBeans.REQUESTER + " requested the change and is in operations")
        .extracting(link -> link.getGroupId() == null ? "user " + link.getUserId() : "group " + link.getGroupId())
        .containsExactlyInAnyOrder("user cab-chair", "user ops-engineer");
    Assertions.assertThat(taskService().getIdentityLinksForTask(signOffOf(round, "legal").getId()))
        .as("no member of legal is excluded: the group keeps its task")
        .extracting(link -> link.getGroupId()).containsExactly("legal");
    Assertions.assertThatThrownBy(() -> taskService().claim(operations.getId(), EmergencyBeans.REQUESTER))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining(EmergencyBeans.REQUESTER + " requested " + CHANGE);
  }

  @Test
  void whenEveryGroupApprovesTheRoundEndsSignedOff() {
    ProcessInstance round = startEveryGroup();

    signAs("legal-counsel", signOffOf(round, "legal"), "APPROVE", null);
    signAs("security-officer", signOffOf(round, "security"), "APPROVE", "pen-test report attached");
    signAs("ops-engineer", signOffOf(round, "operations"), "APPROVE", null);
    signAs("cab-chair", signOffOf(round, "cab"), "APPROVE", null);
    continueAfterSignOffs(round);

    assertThat(round).isEnded().hasPassed(END_SIGNED_OFF).variables()
        .containsEntry(ReviewProcess.SIGN_OFF_DECISION.name(), "APPROVE");
    Assertions.assertThat(beans.approvalDecision.calls()).extracting(RecordingApprovalDecision.Call::allowed)
        .containsOnly("APPROVE,REJECT,REQUEST_CHANGES");
  }

  @Test
  void aRejectionEndsTheRoundAndCancelsTheSignOffsStillOpen() {
    ProcessInstance round = startEveryGroup();
    signAs("legal-counsel", signOffOf(round, "legal"), "APPROVE", null);
    continueAfterSignOffs(round);

    signAs("security-officer", signOffOf(round, "security"), "REJECT", "Secrets in the image");
    continueAfterSignOffs(round);

    assertThat(round).isEnded().hasPassed(END_REJECTED).hasNotPassed(END_SIGNED_OFF);
    Assertions.assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(round.getId())
        .variableName(ReviewProcess.SIGN_OFF_COMMENT.name()).singleResult().getValue()).isEqualTo("Secrets in the image");
    Assertions.assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(round.getId())
        .variableName(ReviewProcess.SIGN_OFF_ASKED_BY.name()).singleResult().getValue()).isEqualTo("security");
    Assertions.assertThat(taskQuery().processInstanceId(round.getId()).count()).as("open sign-offs cancelled").isZero();
    @SuppressWarnings("unchecked")
    ArgumentCaptor<Map<String, Object>> ended = ArgumentCaptor.forClass(Map.class);
    Mockito.verify(beans.emergency.audit).record(ArgumentMatchers.eq("changegate"),
        ArgumentMatchers.eq(AuditAction.SIGN_OFF_ROUND_ENDED), ArgumentMatchers.eq(CHANGE), ended.capture());
    Map<String, Object> details = ended.getValue();
    Assertions.assertThat(details).containsEntry("outcome", "REJECT").containsEntry("decidedBy", "security");
    Assertions.assertThat(details.get("cancelled")).asList()
        .containsExactlyInAnyOrder("Sign off (operations)", "Sign off (cab)");
  }

  @Test
  void aRequestForChangesEndsTheRoundForTheCallerToSendItBack() {
    ProcessInstance round = startEveryGroup();

    signAs("ops-engineer", signOffOf(round, "operations"), "REQUEST_CHANGES", "Add a canary step");
    continueAfterSignOffs(round);

    assertThat(round).isEnded().hasPassed(END_CHANGES_REQUESTED);
    Assertions.assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(round.getId())
        .variableName(ReviewProcess.SIGN_OFF_DECISION.name()).singleResult().getValue()).isEqualTo("REQUEST_CHANGES");
  }

  @Test
  void theOwnerGroupOfTheEnvironmentSignsOffAndAGroupNamedTwiceSignsOnce() {
    ProcessInstance round = startRound(Map.of("environmentKind", "TEST", "environmentOwner", "legal"));

    Assertions.assertThat(taskQuery().processInstanceId(round.getId()).list()).extracting(Task::getName)
        .containsExactly("Sign off (legal)");

    ProcessInstance production = startRound(Map.of("environmentKind", "PRODUCTION", "environmentOwner",
        "operations"));

    Assertions.assertThat(taskQuery().processInstanceId(production.getId()).list()).extracting(Task::getName)
        .as("operations for production and as the owner: one sign-off").containsExactly("Sign off (operations)");
  }

  @Test
  void theEnvironmentsNameDecidesNothingOnlyItsKind() {
    ProcessInstance round = startRound(Map.of("environment", "production", "environmentKind", "TEST"));

    assertThat(round).isEnded().hasPassed(END_SIGNED_OFF);
  }

  @Test
  void whenTheTableRequiresNoGroupTheRoundPassesWithoutTasks() {
    ProcessInstance round = startRound(Map.of());

    assertThat(round).isEnded().hasPassed(END_SIGNED_OFF);
    Assertions.assertThat(historyService().createHistoricTaskInstanceQuery().processInstanceId(round.getId()).count())
        .isZero();
  }

  @Test
  void anOverdueSignOffTellsItsGroupAndFlagsTheChangeWhileEveryTaskStaysOpen() {
    ProcessInstance round = startRound(Map.of("regulated", true, "environmentKind", "PRODUCTION"));
    Job legalTimer = managementService().createJobQuery().processInstanceId(round.getId()).timers().list().get(0);

    execute(legalTimer);
    Job notify = managementService().createJobQuery().processInstanceId(round.getId()).messages().singleResult();
    Assertions.assertThat(notify).as("asyncBefore on the notification").isNotNull();
    execute(notify);

    ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
    Mockito.verify(beans.emergency.notifications).send(sent.capture());
    Assertions.assertThat(sent.getValue().groups()).hasSize(1).containsAnyOf("legal", "operations");
    Mockito.verify(beans.emergency.audit).record(ArgumentMatchers.eq("changegate"), ArgumentMatchers.eq(AuditAction.ESCALATED),
        ArgumentMatchers.eq(CHANGE), ArgumentMatchers.anyMap());
    Assertions.assertThat(taskQuery().processInstanceId(round.getId()).count()).as("nothing cancelled").isEqualTo(2);
    assertThat(round).isNotEnded();
  }

  @Test
  void theRequesterCannotClaimNorCompleteASignOffOfTheirOwnChange() {
    ProcessInstance round = startEveryGroup();
    Task operations = signOffOf(round, "operations");

    Assertions.assertThatThrownBy(() -> taskService().claim(operations.getId(), EmergencyBeans.REQUESTER))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause().hasMessageContaining("segregation of duties");
    Assertions.assertThatThrownBy(() -> signAs(EmergencyBeans.REQUESTER, operations, "APPROVE", null))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining(EmergencyBeans.REQUESTER + " requested " + CHANGE);

    Assertions.assertThat(taskQuery().taskId(operations.getId()).singleResult().getAssignee()).isNull();
    Assertions.assertThat(taskQuery().processInstanceId(round.getId()).count()).isEqualTo(4);
  }

  @Test
  void onlyAMemberOfTheSigningGroupSignsForIt() {
    ProcessInstance round = startEveryGroup();
    Task legal = signOffOf(round, "legal");

    Assertions.assertThatThrownBy(() -> signAs("ops-engineer", legal, "APPROVE", null))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("ops-engineer is not a member of legal");
    Assertions.assertThat(taskQuery().taskId(legal.getId()).count()).isOne();
  }

  @Test
  void onePersonGivesOneSignOffPerChangeEvenWhenInTwoSigningGroups() {
    ProcessInstance round = startEveryGroup();
    Task cab = signOffOf(round, "cab");
    Task operations = signOffOf(round, "operations");

    // holding one sign-off, cab-chair cannot claim a second
    taskService().claim(cab.getId(), "cab-chair");
    Assertions.assertThatThrownBy(() -> taskService().claim(operations.getId(), "cab-chair"))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("one sign-off per change");

    // having signed for the CAB (the task records say so), cab-chair is no longer offered the operations sign-off
    // and cannot sign it
    signAs("cab-chair", cab, "APPROVE", null);
    Assertions.assertThat(taskService().getIdentityLinksForTask(operations.getId()))
        .extracting(link -> link.getUserId()).doesNotContain("cab-chair", EmergencyBeans.REQUESTER);
    Instant now = Instant.now();
    Mockito.when(beans.emergency.taskRecords.ofChange(CHANGE, SIGN_OFF)).thenReturn(List.of(new TaskRecords.TaskRecord(
        cab.getId(), CHANGE, round.getId(), ReviewProcess.SIGN_OFF, SIGN_OFF, cab.getName(), Set.of("cab"), Set.of(),
        now, "cab-chair", now, Decision.APPROVE, "")));
    Assertions.assertThatThrownBy(() -> signAs("cab-chair", operations, "APPROVE", null))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("cab-chair already signed off " + CHANGE + " for cab");

    Assertions.assertThat(taskQuery().taskId(operations.getId()).count()).as("still open").isOne();
    signAs("ops-engineer", operations, "APPROVE", null);
  }
}
