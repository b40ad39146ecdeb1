package io.changegate.benchmark;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The yardstick: a Camunda process with the transactions of a standard change and nothing else. A
 * standard change commits three times (the submitting API call, then the asynchronous jobs "Deploy
 * targets" and "Validate deployment"); so does this process (start, then two {@code asyncBefore} service
 * tasks whose delegates do nothing).
 */
final class BareProcess {

  static final String KEY = "benchmark-bare";
  static final String RESOURCE = KEY + ".bpmn";

  private BareProcess() {}

  static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess(KEY)
        .name("Benchmark: bare process")
        .camundaHistoryTimeToLiveString("P1D")
        .startEvent("StartEvent_Started")
        .serviceTask("Task_FirstAsyncStep").camundaAsyncBefore().camundaClass(NoOpDelegate.class)
        .serviceTask("Task_SecondAsyncStep").camundaAsyncBefore().camundaClass(NoOpDelegate.class)
        .endEvent("EndEvent_Done")
        .done();
  }

  /** Does nothing: the cost measured is the engine's own. */
  public static class NoOpDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
      // intentionally empty
    }
  }
}
