package io.changegate.benchmark;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The yardstick of issue 19: a Camunda process of six {@code asyncBefore} steps that do nothing (manual tasks: the
 * model check refuses {@code camunda:class}, and a no-op delegate would cost nothing measurable), with full history — seven transactions (the start, then six jobs), the engine's own cost and nothing else. A
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
        .manualTask("Task_Step1").camundaAsyncBefore()
        .manualTask("Task_Step2").camundaAsyncBefore()
        .manualTask("Task_Step3").camundaAsyncBefore()
        .manualTask("Task_Step4").camundaAsyncBefore()
        .manualTask("Task_Step5").camundaAsyncBefore()
        .manualTask("Task_Step6").camundaAsyncBefore()
        .endEvent("EndEvent_Done")
        .done();
  }
}
