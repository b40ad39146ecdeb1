package io.changegate.processes;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;
import static io.changegate.change.ChangeProcess.REQUESTER;
import static io.changegate.risk.FmeaProcess.FMEA;
import static io.changegate.risk.FmeaProcess.FMEA_COMMENT;
import static io.changegate.risk.FmeaProcess.FMEA_DECISION;
import static io.changegate.risk.FmeaProcess.MAX_RPN;
import static io.changegate.risk.FmeaProcess.REWORK_COMMENT;
import static io.changegate.risk.FmeaProcess.RISK_LEVEL;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.identityService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.approval.process.SegregationOfDutiesListener;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import io.changegate.change.Level;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.risk.FmeaProcess;
import io.changegate.risk.FmeaRow;
import io.changegate.risk.FmeaService;
import io.changegate.risk.RiskAssessment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

/**
 * processes/fmea-review.bpmn with the real decision table fmea-risk-level, the real worksheet listener (and so
 * the real validator), the real segregation of duties and approval-decision listeners; the FMEA store and the
 * change store are mocks.
 */
@Deployment(resources = {FmeaReviewProcessTest.FMEA_REVIEW_BPMN, FmeaReviewProcessTest.RISK_LEVEL_DMN})
class FmeaReviewProcessTest extends ProcessTestSupport {

  static final String FMEA_REVIEW_BPMN = "processes/fmea-review.bpmn";
  static final String RISK_LEVEL_DMN = "processes/fmea-risk-level.dmn";

  static final String START = "StartEvent_FmeaReviewStarted";
  static final String FILL = FmeaProcess.TASK_FILL_WORKSHEET;
  static final String DECIDE = "Task_DecideFmeaRiskLevel";
  static final String RECORD = "Task_RecordFmeaRiskLevel";
  static final String ASSESS = FmeaProcess.TASK_ASSESS;
  static final String END_APPROVED = "EndEvent_FmeaApproved";
  static final String END_REJECTED = "EndEvent_FmeaRejected";

  static final String REQUESTER_ID = "requester";
  static final String ASSESSOR = "ops-engineer";

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  private final ObjectMapper json = new ObjectMapper();
  private final ChangeService changes = Mockito.mock(ChangeService.class);
  private FmeaService fmea;
  private RecordingDelegate loadFmeaWorksheet;

  @BeforeEach
  void registerFmeaBeans() {
    FmeaBeans fmeaBeans = FmeaBeans.register();
    fmea = fmeaBeans.fmea;
    loadFmeaWorksheet = fmeaBeans.loadFmeaWorksheet;
    Mocks.register(ProcessBeans.beanName(SegregationOfDutiesListener.class), EmergencyBeans.segregationOfDuties(changes));
    beans.loadChangeForReview.then(e -> REQUESTER.set(e, REQUESTER_ID));
    Instant now = Instant.now();
    Mockito.when(changes.get(ArgumentMatchers.anyString())).thenReturn(new Change(CHANGE, "Move payments to v2",
        null, "payments-api", "production", null, Level.MEDIUM, Level.LOW, false, false, null, false, null, null,
        null, List.of(), null, null, false, REQUESTER_ID, ChangeStatus.IN_REVIEW, ChangeType.NORMAL, "no template",
        null, now, now));
  }

  private ProcessInstance startReview() {
    return runtimeService().startProcessInstanceByKey(FmeaProcess.FMEA_REVIEW, CHANGE,
        Map.of(CHANGE_ID.name(), CHANGE));
  }

  private static Map<String, Object> row(String failureMode, Object s, Object o, Object d) {
    Map<String, Object> row = new java.util.LinkedHashMap<>();
    row.put("step", "Database migration");
    row.put("failureMode", failureMode);
    row.put("effect", "Payments fail");
    row.put("cause", "Lock timeout");
    row.put("severity", s);
    row.put("occurrence", o);
    row.put("detection", d);
    row.put("currentControls", "Canary");
    return row;
  }

  private Map<String, Object> worksheet(Map<?, ?>... rows) {
    try {
      return withVariables(FMEA.name(), SpinValues.jsonValue(json.writeValueAsString(List.of(rows))).create());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Submits the worksheet as the requester and runs the step after it (asyncAfter). */
  private void submit(ProcessInstance review, Map<String, Object> worksheet) {
    identityService().setAuthenticatedUserId(REQUESTER_ID);
    complete(task(review), worksheet);
    identityService().clearAuthentication();
    execute(job(review));
  }

  private void assess(ProcessInstance review, String decision, String comment) {
    identityService().setAuthenticatedUserId(ASSESSOR);
    complete(task(review), comment == null ? withVariables(DECISION.name(), decision)
        : withVariables(DECISION.name(), decision, COMMENT.name(), comment));
    identityService().clearAuthentication();
    execute(job(review));
  }

  private static List<String> candidates(Task task) {
    return taskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> "candidate".equals(link.getType()))
        .map(link -> link.getUserId() != null ? "user:" + link.getUserId() : "group:" + link.getGroupId())
        .toList();
  }

  private static Map<String, Object> endVariables(ProcessInstance review) {
    return historyService().createHistoricVariableInstanceQuery().processInstanceId(review.getId()).list().stream()
        .filter(v -> v.getValue() != null)
        .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue));
  }

  @Test
  void theRequesterFillsInTheWorksheetOnItsForm() {
    ProcessInstance review = startReview();

    Assertions.assertThat(beans.loadChangeForReview.onlyRun().activityId()).isEqualTo(START);
    Assertions.assertThat(loadFmeaWorksheet.onlyRun().variable(CHANGE_ID.name())).isEqualTo(CHANGE);
    assertThat(review).isWaitingAt(FILL).hasBusinessKey(CHANGE);
    Task fill = taskQuery().processInstanceBusinessKey(CHANGE).initializeFormKeys().singleResult();
    Assertions.assertThat(fill.getName()).isEqualTo("Fill in the FMEA worksheet");
    Assertions.assertThat(candidates(fill)).containsExactly("user:" + REQUESTER_ID);
    CamundaFormRef form = fill.getCamundaFormRef();
    Assertions.assertThat(form.getKey()).isEqualTo("fmea-worksheet");
    Assertions.assertThat(form.getBinding()).isEqualTo("latest");
  }

  @Test
  void aSubmittedWorksheetIsStoredItsRiskLevelDecidedAndRecordedAndTheAssessorsGetIt() {
    ProcessInstance review = startReview();

    submit(review, worksheet(row("Migration blocks writes", 6, 5, 7), row("Old client breaks", 4, 2, 2)));

    ArgumentCaptor<List<FmeaRow>> saved = rowsCaptor();
    Mockito.verify(fmea).save(ArgumentMatchers.eq(CHANGE), saved.capture(), ArgumentMatchers.eq(REQUESTER_ID),
        ArgumentMatchers.eq(FmeaService.SOURCE_TASKLIST));
    Assertions.assertThat(saved.getValue()).extracting(FmeaRow::rpn).containsExactly(210, 16);
    ArgumentCaptor<RiskAssessment> recorded = ArgumentCaptor.forClass(RiskAssessment.class);
    Mockito.verify(fmea).recordRiskLevel(ArgumentMatchers.eq(CHANGE), recorded.capture());
    Assertions.assertThat(recorded.getValue().riskLevel()).isEqualTo(Level.HIGH);
    Assertions.assertThat(recorded.getValue().reason()).contains("RPN 210");
    Assertions.assertThat(recorded.getValue().figures().maxRpn()).isEqualTo(210);

    assertThat(review).hasPassedInOrder(FILL, DECIDE, RECORD).isWaitingAt(ASSESS);
    Task assessment = taskQuery().processInstanceId(review.getId()).initializeFormKeys().singleResult();
    Assertions.assertThat(candidates(assessment)).containsExactlyInAnyOrder("group:operations", "group:cab");
    Assertions.assertThat(assessment.getCamundaFormRef().getKey()).isEqualTo("fmea-assessment");
    Map<String, Object> form = runtimeService().getVariables(review.getId());
    Assertions.assertThat(form).containsEntry(RISK_LEVEL.name(), "HIGH").containsEntry(MAX_RPN.name(), 210);
    // the table of the assessment form reads the worksheet with the RPN computed
    Assertions.assertThat(form.get(FMEA.name()).toString()).contains("\"rpn\":210").contains("\"rpn\":16");
  }

  @SuppressWarnings("unchecked")
  private static ArgumentCaptor<List<FmeaRow>> rowsCaptor() {
    return ArgumentCaptor.forClass((Class<List<FmeaRow>>) (Class<?>) List.class);
  }

  @Test
  void aWorksheetWithErrorsIsRefusedWithEveryErrorAndNothingIsStored() {
    ProcessInstance review = startReview();
    Task fill = task(review);

    Assertions.assertThatThrownBy(() -> complete(fill, worksheet(row("", 11, 0, 3.5), row("Rollback fails", "high", 2, 2))))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("5 error(s)")
        .hasMessageContaining("fmea[0].failureMode: is required")
        .hasMessageContaining("fmea[0].severity: must be a whole number from 1 to 10, not 11")
        .hasMessageContaining("fmea[0].occurrence: must be a whole number from 1 to 10, not 0")
        .hasMessageContaining("fmea[0].detection: must be a whole number from 1 to 10, not 3.5")
        .hasMessageContaining("fmea[1].severity: must be a whole number from 1 to 10, not the text 'high'");

    assertThat(review).isWaitingAt(FILL);
    assertThat(task(review)).hasId(fill.getId());
    Mockito.verifyNoInteractions(fmea);
  }

  @Test
  void anEmptyWorksheetIsRefusedNotTakenAsLowRisk() {
    ProcessInstance review = startReview();
    Task fill = task(review);

    Assertions.assertThatThrownBy(() -> complete(fill))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("at least one failure mode");
    Assertions.assertThatThrownBy(() -> complete(fill, worksheet()))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("at least one failure mode");
    Assertions.assertThatThrownBy(() -> complete(fill, worksheet(Map.of("step", " "))))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("at least one failure mode");

    assertThat(review).isWaitingAt(FILL);
    Mockito.verifyNoInteractions(fmea);
  }

  @Test
  void anApprovedFmeaEndsWithItsRiskLevelAndDecisionForTheCaller() {
    ProcessInstance review = startReview();
    submit(review, worksheet(row("Cache cold after deploy", 3, 4, 2)));

    assess(review, "APPROVE", null);

    assertThat(review).isEnded().hasPassed(END_APPROVED).hasNotPassed(END_REJECTED);
    Assertions.assertThat(endVariables(review)).containsEntry(RISK_LEVEL.name(), "LOW")
        .containsEntry(FMEA_DECISION.name(), "APPROVE").containsEntry(FMEA_COMMENT.name(), "");
    Assertions.assertThat(beans.approvalDecision.calls()).containsExactly(
        new RecordingApprovalDecision.Call(ASSESS, "APPROVE,REJECT,REQUEST_CHANGES", "APPROVE"));
  }

  @Test
  void aRejectionNeedsACommentAndEndsWithItForTheCaller() {
    ProcessInstance review = startReview();
    submit(review, worksheet(row("Payment double booking", 9, 2, 3)));
    identityService().setAuthenticatedUserId(ASSESSOR);

    Assertions.assertThatThrownBy(() -> complete(task(review), withVariables(DECISION.name(), "REJECT")))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("rejection needs a comment");
    Assertions.assertThatThrownBy(() -> complete(task(review), withVariables(DECISION.name(), "MAYBE")))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("one of APPROVE,REJECT,REQUEST_CHANGES");
    assertThat(review).isWaitingAt(ASSESS);

    assess(review, "REJECT", "Severity 9 without a tested rollback");

    assertThat(review).isEnded().hasPassed(END_REJECTED).hasNotPassed(END_APPROVED);
    Assertions.assertThat(endVariables(review)).containsEntry(RISK_LEVEL.name(), "HIGH")
        .containsEntry(FMEA_DECISION.name(), "REJECT")
        .containsEntry(FMEA_COMMENT.name(), "Severity 9 without a tested rollback");
  }

  @Test
  void requestedChangesSendTheWorksheetBackToTheRequesterWithTheCommentAndItIsAssessedAgain() {
    ProcessInstance review = startReview();
    submit(review, worksheet(row("Migration blocks writes", 7, 3, 3)));
    Mockito.verify(fmea).recordRiskLevel(ArgumentMatchers.eq(CHANGE),
        ArgumentMatchers.argThat(a -> a.riskLevel() == Level.MEDIUM));

    assess(review, "REQUEST_CHANGES", "Detection 3 is optimistic: there is no alert on lock waits");

    assertThat(review).isWaitingAt(FILL);
    Task rework = task(review);
    Assertions.assertThat(candidates(rework)).containsExactly("user:" + REQUESTER_ID);
    Map<String, Object> form = runtimeService().getVariables(review.getId());
    Assertions.assertThat(form).containsEntry(REWORK_COMMENT.name(),
        "Detection 3 is optimistic: there is no alert on lock waits");
    // the form opens with the worksheet as submitted
    Assertions.assertThat(form.get(FMEA.name()).toString()).contains("Migration blocks writes");

    submit(review, worksheet(row("Migration blocks writes", 7, 3, 8), row("Alert missing", 5, 3, 2)));

    Mockito.verify(fmea).recordRiskLevel(ArgumentMatchers.eq(CHANGE),
        ArgumentMatchers.argThat(a -> a.riskLevel() == Level.MEDIUM && a.figures().maxRpn() == 168
            && a.figures().failureModes() == 2));
    assertThat(review).isWaitingAt(ASSESS);
    Assertions.assertThat(runtimeService().getVariables(review.getId())).doesNotContainKey(DECISION.name());

    assess(review, "APPROVE", "Thanks");
    Assertions.assertThat(endVariables(review)).containsEntry(FMEA_DECISION.name(), "APPROVE")
        .containsEntry(RISK_LEVEL.name(), "MEDIUM");
  }

  @Test
  void theRequesterCannotClaimNorAssessTheirOwnFmea() {
    ProcessInstance review = startReview();
    submit(review, worksheet(row("Cache cold after deploy", 3, 4, 2)));
    Task assessment = task(review);

    Assertions.assertThatThrownBy(() -> taskService().claim(assessment.getId(), REQUESTER_ID))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause().hasMessageContaining("segregation of duties");
    identityService().setAuthenticatedUserId(REQUESTER_ID);
    Assertions.assertThatThrownBy(() -> complete(assessment, withVariables(DECISION.name(), "APPROVE")))
        .hasRootCauseInstanceOf(GovernanceRefusal.class).rootCause()
        .hasMessageContaining("cannot complete").hasMessageContaining("segregation of duties");
    identityService().clearAuthentication();

    assertThat(review).isWaitingAt(ASSESS);
    assertThat(task(review)).hasId(assessment.getId()).isNotAssigned();
  }

  @Test
  void aCallerGetsRiskLevelDecisionAndCommentThroughCamundaOut() {
    BpmnModelInstance caller = Bpmn.createExecutableProcess("fmea-caller")
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .callActivity("CallActivity_FmeaReview").calledElement(FmeaProcess.FMEA_REVIEW)
        .camundaIn(CHANGE_ID.name(), CHANGE_ID.name())
        .camundaOut(RISK_LEVEL.name(), RISK_LEVEL.name())
        .camundaOut(FMEA_DECISION.name(), FMEA_DECISION.name())
        .camundaOut(FMEA_COMMENT.name(), FMEA_COMMENT.name())
        .userTask("Task_AfterFmea").camundaCandidateGroups("cab")
        .endEvent()
        .done();
    caller.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.CallActivity.class).iterator().next()
        .builder().camundaInBusinessKey("#{execution.processBusinessKey}");
    String deployment = repositoryService().createDeployment().addModelInstance("fmea-caller.bpmn", caller)
        .deploy().getId();
    try {
      ProcessInstance parent = runtimeService().startProcessInstanceByKey("fmea-caller", CHANGE,
          Variables.createVariables().putValue(CHANGE_ID.name(), CHANGE));
      ProcessInstance review = calledProcessInstance(FmeaProcess.FMEA_REVIEW, parent);
      assertThat(review).hasBusinessKey(CHANGE);

      submit(review, worksheet(row("Payment double booking", 8, 3, 9)));
      assess(review, "REJECT", "No idempotency key");

      assertThat(parent).isWaitingAt("Task_AfterFmea");
      Assertions.assertThat(runtimeService().getVariables(parent.getId()))
          .containsEntry(RISK_LEVEL.name(), "HIGH")
          .containsEntry(FMEA_DECISION.name(), "REJECT")
          .containsEntry(FMEA_COMMENT.name(), "No idempotency key")
          .doesNotContainKey(FMEA.name());
    } finally {
      repositoryService().deleteDeployment(deployment, true);
    }
  }
}
