package io.changegate.processes;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.change.ChangeProcess.DEPLOYMENT;
import static io.changegate.deployment.DeployChangeDelegate.DEPLOYED;
import static io.changegate.monitoring.ValidateChangeDelegate.VALIDATION_PASSED;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentMatchers;
import org.mockito.InOrder;
import org.mockito.Mockito;

/**
 * processes/deployment.bpmn: deploy every target, validate, and the change status each path leaves.
 * Both calls out are asynchronous: the tests drive them with {@code execute(job())}.
 */
@Deployment(resources = ProcessTestSupport.DEPLOYMENT_BPMN)
class DeploymentProcessTest extends ProcessTestSupport {

  static final String START = "StartEvent_DeploymentRequested";
  static final String DEPLOY_TARGETS = "Task_DeployTargets";
  static final String GATEWAY_DEPLOYED = "Gateway_Deployed";
  static final String VALIDATE = "Task_ValidateDeployment";
  static final String GATEWAY_VALIDATION_PASSED = "Gateway_ValidationPassed";
  static final String END_COMPLETED = "EndEvent_ChangeCompleted";
  static final String END_VALIDATION_FAILED = "EndEvent_ValidationFailed";
  static final String END_REFUSED = "EndEvent_DeploymentRefused";

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  private ProcessInstance startDeployment() {
    return runtimeService().startProcessInstanceByKey(DEPLOYMENT, CHANGE, withVariables(CHANGE_ID.name(), CHANGE));
  }

  @Test
  void deployedAndValidatedCompletesTheChange() {
    ProcessInstance deployment = startDeployment();

    // the starting transaction ends before the first call out: nothing is deployed yet
    assertThat(deployment).isWaitingAt(DEPLOY_TARGETS);
    Assertions.assertThat(beans.deployChange.neverRan()).isTrue();
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING");

    execute(job(deployment));

    assertThat(deployment).isWaitingAt(VALIDATE);
    Assertions.assertThat(beans.validateChange.neverRan()).isTrue();
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "VALIDATING");

    execute(job(deployment));

    assertThat(deployment).isEnded()
        .hasPassedInOrder(START, DEPLOY_TARGETS, GATEWAY_DEPLOYED, VALIDATE, GATEWAY_VALIDATION_PASSED, END_COMPLETED)
        .hasNotPassed(END_VALIDATION_FAILED, END_REFUSED);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "VALIDATING", "COMPLETED");
    Assertions.assertThat(beans.changeStatus.calls()).extracting(RecordingChangeStatus.Call::activityId)
        .containsExactly(START, GATEWAY_DEPLOYED, END_COMPLETED);

    // the calls out see the change they work on
    Assertions.assertThat(beans.deployChange.onlyRun().variable(CHANGE_ID.name())).isEqualTo(CHANGE);
    Assertions.assertThat(beans.validateChange.onlyRun().variable(CHANGE_ID.name())).isEqualTo(CHANGE);
    Assertions.assertThat(beans.validateChange.onlyRun().variable(DEPLOYED.name())).isEqualTo(true);

    // and the real status listener moved this change, in this order
    ChangeService changes = beans.changeStatus.changeService();
    InOrder inOrder = Mockito.inOrder(changes);
    for (ChangeStatus status : new ChangeStatus[] {ChangeStatus.DEPLOYING, ChangeStatus.VALIDATING,
        ChangeStatus.COMPLETED}) {
      inOrder.verify(changes).transition(ArgumentMatchers.eq(CHANGE), ArgumentMatchers.eq(status),
          ArgumentMatchers.eq(ChangeService.SYSTEM_ACTOR), ArgumentMatchers.anyMap());
    }
    inOrder.verifyNoMoreInteractions();
  }

  @Test
  void deployedButValidationFailedFailsTheChange() {
    beans.validateChange.then(e -> VALIDATION_PASSED.set(e, false));
    ProcessInstance deployment = startDeployment();

    execute(job(deployment));
    execute(job(deployment));

    assertThat(deployment).isEnded()
        .hasPassedInOrder(DEPLOY_TARGETS, VALIDATE, GATEWAY_VALIDATION_PASSED, END_VALIDATION_FAILED)
        .hasNotPassed(END_COMPLETED, END_REFUSED);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "VALIDATING", "FAILED");
  }

  @Test
  void refusedDeploymentFailsTheChangeWithoutValidating() {
    beans.deployChange.then(e -> DEPLOYED.set(e, false));
    ProcessInstance deployment = startDeployment();

    execute(job(deployment));

    assertThat(deployment).isEnded()
        .hasPassedInOrder(DEPLOY_TARGETS, GATEWAY_DEPLOYED, END_REFUSED)
        .hasNotPassed(VALIDATE, END_COMPLETED, END_VALIDATION_FAILED);
    Assertions.assertThat(beans.validateChange.neverRan()).isTrue();
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING", "FAILED");
  }

  @Test
  void technicalDeploymentFailureRetriesEveryMinuteAndThenGoesOn() {
    ProcessInstance deployment = startDeployment();
    Assertions.assertThat(job(deployment).getRetries()).as("R5/PT1M: five attempts").isEqualTo(5);
    beans.deployChange.failing(new IllegalStateException("deployment system unreachable"));

    Assertions.assertThatThrownBy(() -> execute(job(deployment)))
        .isInstanceOf(IllegalStateException.class).hasMessage("deployment system unreachable");

    Job retry = job(deployment);
    Assertions.assertThat(retry.getRetries()).isEqualTo(4);
    Assertions.assertThat(retry.getExceptionMessage()).contains("deployment system unreachable");
    Assertions.assertThat(retry.getDuedate().toInstant())
        .isAfter(Instant.now().plus(Duration.ofSeconds(50)))
        .isBefore(Instant.now().plus(Duration.ofSeconds(70)));
    assertThat(deployment).isWaitingAt(DEPLOY_TARGETS);
    Assertions.assertThat(beans.changeStatus.statuses()).containsExactly("DEPLOYING");

    // the system is back: the same job runs the (idempotent) deployment again
    beans.deployChange.then(e -> DEPLOYED.set(e, true));
    execute(job(deployment));

    assertThat(deployment).isWaitingAt(VALIDATE);
    Assertions.assertThat(beans.deployChange.runs()).hasSize(2);
  }

  @Test
  void technicalValidationFailureRetriesValidationOnlyNeverTheDeployment() {
    // start at the step under test
    ProcessInstance deployment = runtimeService().createProcessInstanceByKey(DEPLOYMENT)
        .businessKey(CHANGE)
        .setVariables(withVariables(CHANGE_ID.name(), CHANGE, DEPLOYED.name(), true))
        .startBeforeActivity(VALIDATE)
        .execute();
    assertThat(deployment).isWaitingAt(VALIDATE);
    beans.validateChange.failing(new IllegalStateException("metrics backend down"));

    Assertions.assertThatThrownBy(() -> execute(job(deployment)))
        .isInstanceOf(IllegalStateException.class).hasMessage("metrics backend down");

    Assertions.assertThat(job(deployment).getRetries()).isEqualTo(4);
    assertThat(deployment).isWaitingAt(VALIDATE);
    Assertions.assertThat(beans.deployChange.neverRan()).isTrue();
  }
}
