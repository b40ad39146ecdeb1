package io.changegate.governance.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.governance.Models;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * Every path of normal-change to a deployment passes an approving FMEA review, then approving sign-offs, and the
 * runbook peer review when the risk is HIGH; each way around it is found, with the path.
 */
class ApprovalPathCheckTest {

  static final String NORMAL_CHANGE = Models.text("processes/normal-change.bpmn");
  static final String DEPLOY = "CallActivity_DeployApprovedChange";

  static List<Finding> check(String xml) {
    return ApprovalPathCheck.check("normal-change",
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))), "normal-change");
  }

  static List<String> errors(String xml) {
    return check(xml).stream().filter(Finding::isError).map(f -> f.element() + " " + f.message()).toList();
  }

  @Test
  void theApprovedNormalChangePasses() {
    assertThat(check(NORMAL_CHANGE)).isEmpty();
  }

  @Test
  void aFirstFlowThatSkipsTheReviewsIsFoundWithItsPath() {
    List<String> errors = errors(Models.normalChangeSkippingTheReviews());

    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).startsWith(DEPLOY + " 'Deploy and validate' (" + DEPLOY + ") is reached without an "
        + "FMEA review that approved the change. Path: 'Normal change to review' (StartEvent_NormalChangeStarted) → ");
    assertThat(errors.get(1)).contains("without sign-offs that approved the change");
  }

  @Test
  void lowRiskStraightToTheCalendarSkipsTheSignOffs() {
    String xml = Models.replaceOnce(NORMAL_CHANGE,
        "sourceRef=\"Gateway_RiskHigh\" targetRef=\"Gateway_ReadyForSignOff\"",
        "sourceRef=\"Gateway_RiskHigh\" targetRef=\"Gateway_NormalSlotRetry\"");

    assertThat(errors(xml)).singleElement().asString().contains("without sign-offs that approved the change");
  }

  @Test
  void aHighRiskChangeThatSkipsTheRunbookReviewIsFound() {
    String xml = Models.replaceOnce(NORMAL_CHANGE,
        "sourceRef=\"Gateway_RiskHigh\" targetRef=\"Gateway_RunbookToReview\"",
        "sourceRef=\"Gateway_RiskHigh\" targetRef=\"Gateway_ReadyForSignOff\"");

    assertThat(errors(xml)).singleElement().asString()
        .contains("is reached by a HIGH-risk change without an approved runbook peer review");
  }

  @Test
  void aRejectedFmeaThatGoesOnAnywayIsFound() {
    String xml = Models.replaceOnce(NORMAL_CHANGE, "${fmeaDecision == 'APPROVE'}",
        "${fmeaDecision == 'APPROVE' || fmeaDecision == 'REJECT'}");

    assertThat(errors(xml)).singleElement().asString().contains("without an FMEA review that approved the change");
  }

  @Test
  void aRunbookReviewWithoutItsGuardsDoesNotCount() {
    String xml = Models.replaceOnce(NORMAL_CHANGE,
        "<camunda:taskListener expression=\"${segregationOfDuties.runbookReview(task)}\" event=\"complete\" />", "");

    assertThat(errors(xml)).singleElement().asString().startsWith("Task_ReviewRunbook 'Peer-review the runbook'")
        .contains("complete task listener ${segregationOfDuties.runbookReview(task)}");
  }

  @Test
  void aTimerOnTheFmeaReviewThatLeadsToTheDeploymentIsFound() {
    String boundary = """
        <bpmn:boundaryEvent id="BoundaryEvent_FmeaTooSlow" name="FMEA too slow" attachedToRef="CallActivity_FmeaReview">
          <bpmn:outgoing>SequenceFlow_FmeaTooSlow</bpmn:outgoing>
          <bpmn:timerEventDefinition id="TimerEventDefinition_FmeaTooSlow">
            <bpmn:timeDuration>P1D</bpmn:timeDuration>
          </bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="SequenceFlow_FmeaTooSlow" sourceRef="BoundaryEvent_FmeaTooSlow" targetRef="CallActivity_DeployApprovedChange" />
        """;
    String xml = Models.replaceOnce(NORMAL_CHANGE, "  </bpmn:process>", boundary + "  </bpmn:process>");

    assertThat(errors(xml)).anySatisfy(e -> assertThat(e).contains("without an FMEA review")
        .contains("'FMEA too slow' (BoundaryEvent_FmeaTooSlow) → 'Deploy and validate'"));
  }

  @Test
  void signOffsBeforeTheFmeaReviewDoNotCount() {
    // start → sign-offs → FMEA → (accepted) → deploy
    String xml = NORMAL_CHANGE;
    xml = Models.replaceOnce(xml, "sourceRef=\"StartEvent_NormalChangeStarted\" targetRef=\"CallActivity_FmeaReview\"",
        "sourceRef=\"StartEvent_NormalChangeStarted\" targetRef=\"Gateway_ReadyForSignOff\"");
    xml = Models.replaceOnce(xml, "sourceRef=\"Gateway_SignedOff\" targetRef=\"Gateway_NormalSlotRetry\"",
        "sourceRef=\"Gateway_SignedOff\" targetRef=\"CallActivity_FmeaReview\"");
    xml = Models.replaceOnce(xml, "sourceRef=\"Gateway_RiskHigh\" targetRef=\"Gateway_ReadyForSignOff\"",
        "sourceRef=\"Gateway_RiskHigh\" targetRef=\"Gateway_NormalSlotRetry\"");

    assertThat(errors(xml)).anySatisfy(e -> assertThat(e).contains("without sign-offs that approved the change after "
        + "its FMEA review"));
  }

  @Test
  void anythingElseThatSetsAReviewsVariableIsRefused() {
    String xml = Models.replaceOnce(NORMAL_CHANGE, "<camunda:out source=\"fmea\" target=\"fmea\" />",
        "<camunda:out source=\"fmea\" target=\"fmea\" />");
    xml = Models.replaceOnce(xml, "<camunda:in source=\"fmea\" target=\"fmea\" />",
        "<camunda:in source=\"fmea\" target=\"fmea\" />");
    xml = Models.replaceOnce(xml, "<camunda:out source=\"signOffAskedBy\" target=\"signOffAskedBy\" />",
        "<camunda:out source=\"signOffAskedBy\" target=\"signOffAskedBy\" />\n"
            + "        <camunda:out source=\"verdict\" target=\"riskLevel\" />");

    assertThat(errors(xml)).singleElement().asString()
        .contains("CallActivity_SignOff 'Collect sign-offs' (CallActivity_SignOff) sets riskLevel");
  }

  @Test
  void aDeploymentDelegateCalledDirectlyIsADeploymentStepToo() {
    String inline = """
        <bpmn:serviceTask id="Task_DeployInline" name="Deploy it now" camunda:delegateExpression="${deployTarget}" />
        <bpmn:sequenceFlow id="SequenceFlow_ToDeployInline" name="shortcut" sourceRef="Gateway_FmeaAccepted" targetRef="Task_DeployInline">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${fmeaDecision == 'APPROVE'}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        """;
    String xml = Models.replaceOnce(NORMAL_CHANGE, "  </bpmn:process>", inline + "  </bpmn:process>");

    assertThat(errors(xml)).hasSize(2).allMatch(e -> e.startsWith("Task_DeployInline 'Deploy it now'"))
        .anyMatch(e -> e.contains("without sign-offs")).anyMatch(e -> e.contains("without an approved runbook"));
  }
}
