package io.changegate.benchmark;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The yardstick of issue 19: a Camunda process of six {@code asyncBefore} service tasks whose delegates do nothing,
 * with full history — seven transactions (the start, then six jobs), the engine's own cost and nothing else. A
 * standard change should run at half its rate or better.
 */
final class BareProcess {

  static final String KEY = "benchmark-bare";
  static final String RESOURCE = KEY + ".bpmn";
  static final int JOBS = 6;

  private BareProcess() {}

  static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess(KEY)
        .name("Benchmark: bare process")
        .camundaHistoryTimeToLiveString("P1D")
        .startEvent("StartEvent_Started")
        .serviceTask("Task_Step1").camundaAsyncBefore().camundaClass(NoOpDelegate.class)
        .serviceTask("Task_Step2").camundaAsyncBefore().camundaClass(NoOpDelegate.class)
        .serviceTask("Task_Step3").camundaAsyncBefore().camundaClass(NoOpDelegate.class)
        .serviceTask("Task_Step4").camundaAsyncBefore().camundaClass(NoOpDelegate.class)
        .serviceTask("Task_Step5").camundaAsyncBefore().camundaClass(NoOpDelegate.class)
        .serviceTask("Task_Step6").camundaAsyncBefore().camundaClass(NoOpDelegate.class)
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
