package io.changegate.governance.check;

import io.changegate.security.Groups;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ComplexGateway;
import org.camunda.bpm.model.bpmn.instance.DataObject;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MessageFlow;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The lint rules Camunda Modeler applies to a Camunda 7 diagram, in Java, plus Changegate's own rules. Modeler's
 * rules are bpmnlint's {@code recommended} set and {@code bpmnlint-plugin-camunda-compat}'s
 * {@code camunda-platform-7-24} set (JavaScript); this class implements, with the same names and levels:
 * <ul>
 *   <li>errors: {@code start-event-required}, {@code end-event-required}, {@code label-required},
 *       {@code no-disconnected}, {@code no-implicit-start}, {@code no-implicit-end}, {@code no-implicit-split},
 *       {@code conditional-flows}, {@code no-duplicate-sequence-flows}, {@code no-gateway-join-fork},
 *       {@code no-complex-gateway}, {@code single-blank-start-event}, {@code single-event-definition},
 *       {@code sub-process-blank-start-event}, {@code event-sub-process-typed-start-event},
 *       {@code event-based-gateway}, {@code link-event}, {@code no-bpmndi};</li>
 *   <li>warnings: {@code fake-join}, {@code superfluous-gateway}, {@code no-inclusive-gateway};</li>
 *   <li>note: {@code history-time-to-live} (camunda-compat, level "info").</li>
 * </ul>
 * Not implemented: {@code ad-hoc-sub-process}, {@code global}, {@code no-overlapping-elements},
 * {@code superfluous-label}, {@code superfluous-termination} (warnings about form, not behaviour).
 *
 * <p>Changegate's rules (errors, executable processes): {@code user-task-form} (a Camunda Form by
 * {@code camunda:formRef}, binding {@code latest}, that exists), {@code candidate-groups} (a user task is offered
 * to groups of docs/names.md or named users), {@code called-element} and {@code decision-ref} (set, binding
 * {@code latest}), {@code implementation} (a service, send or business rule task says what it runs) and
 * {@code proposal-reference} (no reference to another proposal's key).
 */
public final class BpmnLint {

  static final String CHECK = "lint";
  private static final String LATEST = "latest";
  private static final String PROPOSAL_KEY = ".*\\.MC-\\d+$";

  private final String model;
  private final BpmnModelInstance bpmn;
  private final Predicate<String> knownForm;
  private final List<Finding> findings = new ArrayList<>();
  private final Flows flows;

  private BpmnLint(String model, BpmnModelInstance bpmn, Predicate<String> knownForm) {
    this.model = model;
    this.bpmn = bpmn;
    this.knownForm = knownForm;
    this.flows = new Flows(bpmn);
  }

  /**
   * Lints a diagram. {@code knownForm}: whether a user task may refer to a form key (an approved form, or one of
   * the same proposal).
   */
  public static List<Finding> lint(String model, BpmnModelInstance bpmn, Predicate<String> knownForm) {
    BpmnLint lint = new BpmnLint(model, bpmn, knownForm);
    lint.run();
    return lint.findings;
  }

  private void run() {
    for (Process process : all(Process.class)) {
      container(process, process.getFlowElements());
    }
    for (SubProcess subProcess : all(SubProcess.class)) {
      container(subProcess, subProcess.getFlowElements());
    }
    for (FlowNode node : all(FlowNode.class)) {
      node(node);
    }
    duplicateSequenceFlows();
    diagramInterchange();
    for (Process process : all(Process.class)) {
      if (process.isExecutable()) {
        camunda7(process);
      }
    }
  }

  // --- bpmnlint: containers ---

  private void container(BaseElement container, Collection<FlowElement> elements) {
    boolean eventSubProcess = container instanceof SubProcess sub && sub.triggeredByEvent();
    String type = container instanceof SubProcess ? "Sub process" : "Process";
    List<StartEvent> starts = elements.stream().filter(StartEvent.class::isInstance).map(StartEvent.class::cast)
        .toList();
    if (starts.isEmpty()) {
      error(container, "start-event-required", type + " is missing start event");
    }
    if (elements.stream().noneMatch(EndEvent.class::isInstance)) {
      error(container, "end-event-required", type + " is missing end event");
    }
    if (starts.stream().filter(s -> s.getEventDefinitions().isEmpty()).count() > 1) {
      error(container, "single-blank-start-event", type + " has multiple blank start events");
    }
    if (container instanceof SubProcess) {
      for (StartEvent start : starts) {
        if (!eventSubProcess && !start.getEventDefinitions().isEmpty()) {
          error(start, "sub-process-blank-start-event", "Start event must be blank");
        }
        if (eventSubProcess && start.getEventDefinitions().isEmpty()) {
          error(start, "event-sub-process-typed-start-event", "Start event is missing event definition");
        }
      }
    }
    linkEvents(elements);
  }

  private void linkEvents(Collection<FlowElement> elements) {
    Map<String, List<Event>> byName = new LinkedHashMap<>();
    for (FlowElement element : elements) {
      if (element instanceof Event event) {
        for (EventDefinition definition : eventDefinitions(event)) {
          if (definition instanceof LinkEventDefinition link) {
            if (link.getName() == null || link.getName().isBlank()) {
              error(event, "link-event", "Link event is missing link name");
            } else {
              byName.computeIfAbsent(link.getName(), n -> new ArrayList<>()).add(event);
            }
          }
        }
      }
    }
    byName.forEach((name, events) -> {
      List<Event> catches = events.stream().filter(CatchEvent.class::isInstance).toList();
      if (events.size() == 1) {
        Event event = events.get(0);
        error(event, "link-event", "Link " + (event instanceof ThrowEvent ? "catch" : "throw")
            + " event with link name <" + name + "> missing in scope");
      } else if (catches.size() > 1) {
        catches.forEach(c -> error(c, "link-event", "Duplicate link catch event with link name <" + name
            + "> in scope"));
      } else if (catches.isEmpty()) {
        events.forEach(e -> error(e, "link-event", "Link catch event with link name <" + name
            + "> missing in scope"));
      }
    });
  }

  // --- bpmnlint: flow nodes ---

  private void node(FlowNode node) {
    Collection<SequenceFlow> incoming = flows.into(node);
    Collection<SequenceFlow> outgoing = flows.outOf(node);
    boolean eventSubProcess = node instanceof SubProcess sub && sub.triggeredByEvent();
    boolean compensation = node instanceof Activity activity && activity.isForCompensation()
        || node instanceof BoundaryEvent boundary && isCompensation(boundary);

    if (needsLabel(node, outgoing) && blank(node.getName())) {
      error(node, "label-required", "Element is missing label/name");
    }
    if ((node instanceof Task || node instanceof Gateway || node instanceof SubProcess || node instanceof Event)
        && !eventSubProcess && !compensation && incoming.isEmpty() && outgoing.isEmpty()) {
      error(node, "no-disconnected", "Element is not connected");
    }
    if ((node instanceof Event || node instanceof Activity || node instanceof Gateway) && incoming.isEmpty()
        && !eventSubProcess && !(node instanceof StartEvent) && !(node instanceof BoundaryEvent)
        && !(node instanceof Activity activity && activity.isForCompensation())
        && !(node instanceof IntermediateCatchEvent && isLink(node))) {
      error(node, "no-implicit-start", "Element is an implicit start");
    }
    if ((node instanceof Event || node instanceof Activity || node instanceof Gateway) && outgoing.isEmpty()
        && !eventSubProcess && !(node instanceof EndEvent) && !compensation
        && !(node instanceof IntermediateThrowEvent && isLink(node))) {
      error(node, "no-implicit-end", "Element is an implicit end");
    }
    SequenceFlow defaultFlow = defaultFlow(node);
    if (node instanceof Activity || node instanceof Event) {
      long unconditional = outgoing.stream()
          .filter(flow -> flow.getConditionExpression() == null && flow != defaultFlow).count();
      if (unconditional > 1) {
        error(node, "no-implicit-split", "Flow splits implicitly");
      }
      if (incoming.size() > 1) {
        warning(node, "fake-join", "Incoming flows do not join");
      }
    }
    if (defaultFlow != null || outgoing.stream().anyMatch(flow -> flow.getConditionExpression() != null)) {
      for (SequenceFlow flow : outgoing) {
        if (flow.getConditionExpression() == null && flow != defaultFlow) {
          error(flow, "conditional-flows", "Sequence flow is missing condition");
        }
      }
    }
    if (node instanceof Gateway) {
      if (incoming.size() > 1 && outgoing.size() > 1) {
        error(node, "no-gateway-join-fork", "Gateway forks and joins");
      }
      if (incoming.size() == 1 && outgoing.size() == 1) {
        warning(node, "superfluous-gateway", "Gateway is superfluous. It only has one source and target.");
      }
    }
    if (node instanceof ComplexGateway) {
      error(node, "no-complex-gateway", "Element type <bpmn:ComplexGateway> is discouraged");
    }
    if (node instanceof InclusiveGateway) {
      warning(node, "no-inclusive-gateway", "Element type <bpmn:InclusiveGateway> is discouraged");
    }
    if (node instanceof EventBasedGateway) {
      if (outgoing.size() < 2) {
        error(node, "event-based-gateway", "An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>");
      }
      outgoing.stream().filter(flow -> flow.getConditionExpression() != null).forEach(flow -> error(flow,
          "event-based-gateway", "A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional"));
    }
    if (node instanceof Event event && eventDefinitions(event).size() > 1) {
      error(node, "single-event-definition", "Event has multiple event definitions");
    }
  }

  private static boolean needsLabel(FlowNode node, Collection<SequenceFlow> outgoing) {
    if (node instanceof ParallelGateway || node instanceof EventBasedGateway || node instanceof SubProcess) {
      return false;
    }
    return !(node instanceof Gateway) || outgoing.size() > 1;
  }

  private void duplicateSequenceFlows() {
    Map<String, SequenceFlow> keyed = new LinkedHashMap<>();
    Set<String> reportedSources = new HashSet<>();
    Set<String> reportedTargets = new HashSet<>();
    for (SequenceFlow flow : all(SequenceFlow.class)) {
      if (flow.getConditionExpression() != null && blank(flow.getName())) {
        error(flow, "label-required", "Element is missing label/name");
      }
      String condition = flow.getConditionExpression() == null ? "" : flow.getConditionExpression().getTextContent();
      String key = flow.getSource().getId() + "#" + flow.getTarget().getId() + "#" + condition;
      if (keyed.putIfAbsent(key, flow) != null) {
        error(flow, "no-duplicate-sequence-flows", "SequenceFlow is a duplicate");
        if (reportedSources.add(flow.getSource().getId())) {
          error(flow.getSource(), "no-duplicate-sequence-flows", "Duplicate outgoing sequence flows");
        }
        if (reportedTargets.add(flow.getTarget().getId())) {
          error(flow.getTarget(), "no-duplicate-sequence-flows", "Duplicate incoming sequence flows");
        }
      }
    }
    for (Participant participant : all(Participant.class)) {
      if (blank(participant.getName())) {
        error(participant, "label-required", "Element is missing label/name");
      }
    }
    for (Lane lane : all(Lane.class)) {
      if (blank(lane.getName())) {
        error(lane, "label-required", "Element is missing label/name");
      }
    }
  }

  private void diagramInterchange() {
    Set<String> drawn = new HashSet<>();
    all(BpmnShape.class).stream().map(BpmnShape::getBpmnElement).filter(e -> e != null)
        .forEach(e -> drawn.add(e.getId()));
    all(BpmnEdge.class).stream().map(BpmnEdge::getBpmnElement).filter(e -> e != null)
        .forEach(e -> drawn.add(e.getId()));
    List<BaseElement> visual = new ArrayList<>();
    all(FlowElement.class).stream().filter(e -> !(e instanceof DataObject)).forEach(visual::add);
    visual.addAll(all(Participant.class));
    visual.addAll(all(Lane.class));
    visual.addAll(all(MessageFlow.class));
    visual.addAll(all(org.camunda.bpm.model.bpmn.instance.Artifact.class));
    for (BaseElement element : visual) {
      if (!drawn.contains(element.getId())) {
        error(element, "no-bpmndi", "Element is missing bpmndi");
      }
    }
  }

  // --- Camunda 7 and Changegate ---

  private void camunda7(Process process) {
    if (blank(process.getCamundaHistoryTimeToLiveString())) {
      findings.add(Finding.info(CHECK, model, process.getId(), "history-time-to-live",
          "Property <historyTimeToLive> should be configured on <bpmn:Process> or engine level."));
    }
    for (UserTask task : within(process, UserTask.class)) {
      String formRef = task.getCamundaFormRef();
      if (blank(formRef)) {
        error(task, "user-task-form", "User task has no Camunda Form (camunda:formRef)");
      } else {
        if (!LATEST.equals(task.getCamundaFormRefBinding())) {
          error(task, "user-task-form", "camunda:formRefBinding must be 'latest' (the approved form), not '"
              + task.getCamundaFormRefBinding() + "'");
        }
        if (!formRef.contains("${") && !formRef.contains("#{") && !knownForm.test(formRef)) {
          error(task, "user-task-form", "Form '" + formRef + "' is neither approved nor part of this proposal");
        }
        proposalReference(task, formRef);
      }
      List<String> groups = task.getCamundaCandidateGroupsList();
      if (groups.isEmpty() && task.getCamundaCandidateUsersList().isEmpty() && blank(task.getCamundaAssignee())) {
        error(task, "candidate-groups", "User task is offered to nobody (camunda:candidateGroups)");
      }
      groups.stream().filter(g -> !g.contains("${") && !g.contains("#{") && !Groups.ALL.contains(g))
          .forEach(g -> error(task, "candidate-groups", "Candidate group '" + g + "' is not one of " + Groups.ALL));
    }
    for (CallActivity call : within(process, CallActivity.class)) {
      if (blank(call.getCalledElement())) {
        error(call, "called-element", "Call activity calls no process (calledElement)");
      } else {
        String binding = call.getCamundaCalledElementBinding();
        if (binding != null && !LATEST.equals(binding)) {
          error(call, "called-element", "camunda:calledElementBinding must be 'latest' (the approved version), not '"
              + binding + "'");
        }
        proposalReference(call, call.getCalledElement());
      }
    }
    for (BusinessRuleTask task : within(process, BusinessRuleTask.class)) {
      String decisionRef = task.getCamundaDecisionRef();
      if (!blank(decisionRef)) {
        String binding = task.getCamundaDecisionRefBinding();
        if (binding != null && !LATEST.equals(binding)) {
          error(task, "decision-ref", "camunda:decisionRefBinding must be 'latest' (the approved version), not '"
              + binding + "'");
        }
        proposalReference(task, decisionRef);
      } else if (!implemented(task)) {
        error(task, "implementation", "Business rule task names no decision (camunda:decisionRef)");
      }
    }
    List<Activity> implemented = new ArrayList<>(within(process, ServiceTask.class));
    implemented.addAll(within(process, SendTask.class));
    for (Activity task : implemented) {
      if (!implemented(task)) {
        error(task, "implementation", "Task says nothing it runs (camunda:delegateExpression, expression, class "
            + "or type)");
      }
    }
  }

  private void proposalReference(BaseElement element, String reference) {
    if (reference.matches(PROPOSAL_KEY)) {
      error(element, "proposal-reference", "'" + reference + "' is another proposal's key; refer to the model's "
          + "own key (it binds to the approved version)");
    }
  }

  private static boolean implemented(BaseElement task) {
    for (String attribute : List.of("class", "expression", "delegateExpression", "type")) {
      if (!blank(task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", attribute))) {
        return true;
      }
    }
    return task.getExtensionElements() != null && task.getExtensionElements().getElements().stream()
        .anyMatch(e -> "connector".equals(e.getElementType().getTypeName()));
  }

  // --- helpers ---

  private <T extends ModelElementInstance> Collection<T> all(Class<T> type) {
    return bpmn.getModelElementsByType(type);
  }

  /** Elements of a type inside a process, sub-processes included. */
  private <T extends ModelElementInstance> List<T> within(Process process, Class<T> type) {
    return all(type).stream().filter(isInside(process)).toList();
  }

  private static <T extends ModelElementInstance> Predicate<T> isInside(Process process) {
    return element -> {
      for (ModelElementInstance parent = element.getParentElement(); parent != null;
          parent = parent.getParentElement()) {
        if (parent == process) {
          return true;
        }
      }
      return false;
    };
  }

  static Collection<EventDefinition> eventDefinitions(Event event) {
    if (event instanceof CatchEvent catchEvent) {
      return catchEvent.getEventDefinitions();
    }
    if (event instanceof ThrowEvent throwEvent) {
      return throwEvent.getEventDefinitions();
    }
    return List.of();
  }

  private static boolean isLink(FlowNode node) {
    Collection<EventDefinition> definitions = eventDefinitions((Event) node);
    return !definitions.isEmpty() && definitions.stream().allMatch(LinkEventDefinition.class::isInstance);
  }

  private static boolean isCompensation(BoundaryEvent boundary) {
    return boundary.getEventDefinitions().size() == 1
        && boundary.getEventDefinitions().iterator().next() instanceof CompensateEventDefinition;
  }

  static SequenceFlow defaultFlow(FlowNode node) {
    if (node instanceof ExclusiveGateway gateway) {
      return gateway.getDefault();
    }
    if (node instanceof InclusiveGateway gateway) {
      return gateway.getDefault();
    }
    if (node instanceof ComplexGateway gateway) {
      return gateway.getDefault();
    }
    if (node instanceof Activity activity) {
      return activity.getDefault();
    }
    return null;
  }

  private void error(BaseElement element, String rule, String message) {
    findings.add(Finding.error(CHECK, model, element.getId(), rule, message));
  }

  private void warning(BaseElement element, String rule, String message) {
    findings.add(Finding.warning(CHECK, model, element.getId(), rule, message));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
