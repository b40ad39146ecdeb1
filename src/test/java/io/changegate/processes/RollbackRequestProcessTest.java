package io.changegate.processes;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.changegate.rollback.RollbackProcess;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** processes/rollback-request.bpmn: the Tasklist's way to send RollbackRequested. */
@Deployment(resources = ProcessTestSupport.ROLLBACK_REQUEST_BPMN)
class RollbackRequestProcessTest extends ProcessTestSupport {

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  @Test
  void theFilledInStartFormSendsTheRequestForTheChange() {
    processEngine.getIdentityService().setAuthenticatedUserId("ops-engineer");
    ProcessInstance request = runtimeService().startProcessInstanceByKey(RollbackProcess.ROLLBACK_REQUEST,
        withVariables(RollbackProcess.REQUESTED_CHANGE.name(), CHANGE, RollbackProcess.REQUEST_REASON.name(),
            "error budget burning"));

    assertThat(request).isEnded().hasPassedInOrder("StartEvent_RollbackRequestFilled", "Task_SendRollbackRequest",
        "EndEvent_RollbackRequestSent");
    RecordingDelegate.Run run = beans.requestRollback.onlyRun();
    Assertions.assertThat(run.variable(RollbackProcess.REQUESTED_CHANGE.name())).isEqualTo(CHANGE);
    Assertions.assertThat(run.variable("requestedBy")).isEqualTo("ops-engineer");
    Assertions.assertThat(run.variable(RollbackProcess.REQUEST_REASON.name())).isEqualTo("error budget burning");
  }
}
