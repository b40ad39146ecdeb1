package io.changegate.governance.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * The sequence flows into and out of each node as the engine sees them: from each flow's {@code sourceRef} and
 * {@code targetRef}. (A node's {@code incoming}/{@code outgoing} children are only a hint the engine ignores, and
 * a hand-edited file may leave them wrong.)
 */
final class Flows {

  private final Map<String, List<SequenceFlow>> incoming = new HashMap<>();
  private final Map<String, List<SequenceFlow>> outgoing = new HashMap<>();

  Flows(BpmnModelInstance bpmn) {
    for (SequenceFlow flow : bpmn.getModelElementsByType(SequenceFlow.class)) {
      if (flow.getSource() != null) {
        outgoing.computeIfAbsent(flow.getSource().getId(), id -> new ArrayList<>()).add(flow);
      }
      if (flow.getTarget() != null) {
        incoming.computeIfAbsent(flow.getTarget().getId(), id -> new ArrayList<>()).add(flow);
      }
    }
  }

  List<SequenceFlow> into(FlowNode node) {
    return incoming.getOrDefault(node.getId(), List.of());
  }

  List<SequenceFlow> outOf(FlowNode node) {
    return outgoing.getOrDefault(node.getId(), List.of());
  }
}
