package io.changegate.processes;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Common ground of the process tests: the in-memory engine of {@value #ENGINE_CONFIGURATION} (no Spring),
 * the diagrams' beans as recording test doubles, camunda-bpm-assert bound to that engine.
 *
 * <p>Each test class registers its own extension:
 * {@code @RegisterExtension static final ProcessEngineExtension engine = ProcessTestSupport.engine();}
 * The engine itself is built once and shared by all of them.
 */
abstract class ProcessTestSupport {

  static final String ENGINE_CONFIGURATION = "camunda-process-tests.cfg.xml";

  /** The product diagrams, as packaged on the classpath (pom.xml resources). */
  static final String CHANGE_REQUEST_BPMN = "processes/change-request.bpmn";
  static final String STANDARD_CHANGE_BPMN = "processes/standard-change.bpmn";
  static final String NORMAL_CHANGE_BPMN = "processes/normal-change.bpmn";
  static final String EMERGENCY_CHANGE_BPMN = "processes/emergency-change.bpmn";
  static final String DEPLOYMENT_BPMN = "processes/deployment.bpmn";
  static final String ROLLBACK_BPMN = "processes/rollback.bpmn";
  static final String ROLLBACK_REQUEST_BPMN = "processes/rollback-request.bpmn";
  static final String CLASSIFICATION_DMN = "processes/change-classification.dmn";
  static final String SIGN_OFF_BPMN = "processes/sign-off.bpmn";
  static final String REQUIRED_SIGN_OFFS_DMN = "processes/required-sign-offs.dmn";
  static final String SECURITY_SCAN_GATE_DMN = "processes/security-scan-gate.dmn";
  static final String MODEL_CHANGE_BPMN = "processes/model-change.bpmn";

  static final String CHANGE = "CHG-1001";

  protected ProcessEngine processEngine;
  protected ProcessBeans beans;

  static final String FMEA_STAND_IN = "Task_FmeaStandIn";

  /**
   * fmea-review as its callers see it, for the tests of the callers: one task that the test completes with
   * riskLevel and fmeaDecision. Returns the deployment id (delete it after the test).
   */
  String deployFmeaReviewStandIn() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("fmea-review").camundaHistoryTimeToLive(1)
        .startEvent().userTask(FMEA_STAND_IN).endEvent().done();
    return processEngine.getRepositoryService().createDeployment()
        .addModelInstance("fmea-review.bpmn", model).deploy().getId();
  }

  static ProcessEngineExtension engine() {
    return ProcessEngineExtension.builder().configurationResource(ENGINE_CONFIGURATION).build();
  }

  @BeforeEach
  void bindEngineAndBeans(ProcessEngine processEngine) {
    this.processEngine = processEngine;
    BpmnAwareTests.init(processEngine);
    beans = ProcessBeans.register();
  }

  @AfterEach
  void releaseEngineAndBeans() {
    Mocks.reset();
    BpmnAwareTests.reset();
    processEngine.getIdentityService().clearAuthentication();
  }
}
