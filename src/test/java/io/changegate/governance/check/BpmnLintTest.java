package io.changegate.governance.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.governance.Models;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The Java lint agrees with Camunda Modeler's on the product diagrams (0 errors; bpmnlint reports exactly the three
 * fake-join warnings of deployment.bpmn) and finds what Modeler would in a broken one.
 */
class BpmnLintTest {

  static final Set<String> FORMS = Set.of("amend-change", "ecab-approval", "emergency-change-start", "fmea-assessment",
      "fmea-worksheet", "post-implementation-review", "postmortem", "reschedule-change", "restore-checkpoint",
      "restore-stateful-component", "rollback-rehearsal", "rollback-failure", "rollback-request", "runbook-review", "sign-off", "model-change-review");

  static Stream<String> diagrams() {
    return Stream.of("change-request", "deployment", "emergency-change", "fmea-review", "model-change",
        "normal-change", "rollback", "rollback-request", "sign-off", "standard-change");
  }

  static List<Finding> lint(String xml) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    return BpmnLint.lint("test", model, FORMS::contains);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagrams")
  void productDiagramsHaveNoError(String process) {
    List<Finding> findings = lint(Models.text("processes/" + process + ".bpmn"));

    assertThat(findings).filteredOn(Finding::isError).isEmpty();
    List<String> warnings = findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING)
        .map(f -> f.element() + " " + f.rule()).toList();
    if (process.equals("deployment")) {
      assertThat(warnings).containsExactlyInAnyOrder("Task_ReserveEnvironmentSlot fake-join",
          "Task_ConfirmRollouts fake-join", "Task_ValidateDeployment fake-join");
    } else {
      assertThat(warnings).isEmpty();
    }
  }

  @Test
  void aSkippedFlowLeavesTheFmeaReviewAnImplicitStart() {
    List<Finding> findings = lint(Models.normalChangeSkippingTheReviews());

    assertThat(findings).filteredOn(Finding::isError).extracting(f -> f.element() + " " + f.rule())
        .containsExactly("CallActivity_FmeaReview no-implicit-start");
  }

  @Test
  void modelersRulesAndChangegatesOwnFindWhatIsWrong() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_1" name="Start" />
            <bpmn:startEvent id="StartEvent_2" name="Start again" />
            <bpmn:userTask id="Task_NoForm" name="Do" camunda:candidateGroups="strangers" />
            <bpmn:callActivity id="CallActivity_Pinned" name="Call" calledElement="sign-off.MC-000001"
                camunda:calledElementBinding="version" camunda:calledElementVersion="1" />
            <bpmn:serviceTask id="Task_Nothing" name="Nothing" />
            <bpmn:exclusiveGateway id="Gateway_Split" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Task_NoForm" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_NoForm" targetRef="Gateway_Split" />
            <bpmn:sequenceFlow id="Flow_3" sourceRef="Gateway_Split" targetRef="CallActivity_Pinned">
              <bpmn:conditionExpression>${x}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Flow_4" sourceRef="Gateway_Split" targetRef="Task_Nothing" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    List<String> errors = lint(xml).stream().filter(Finding::isError).map(f -> f.element() + " " + f.rule()).toList();

    assertThat(errors).contains("p end-event-required", "p single-blank-start-event",
        "StartEvent_2 no-disconnected", "Gateway_Split label-required", "Flow_3 label-required",
        "Flow_4 conditional-flows", "CallActivity_Pinned no-implicit-end", "Task_Nothing no-implicit-end",
        "Task_NoForm no-bpmndi", "Flow_1 no-bpmndi", "Task_NoForm user-task-form", "Task_NoForm candidate-groups",
        "CallActivity_Pinned called-element", "CallActivity_Pinned proposal-reference",
        "Task_Nothing implementation");
  }
}
