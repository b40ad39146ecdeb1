package io.changegate.governance.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The structural check of {@code normal-change}: on every path from a start event to a step that may deploy,
 * the change has passed an FMEA review that approved it, then sign-offs that approved it, and — when the FMEA
 * rated it HIGH — an approved runbook peer review after the FMEA review.
 *
 * <p>The paths are explored with what each review returns: the FMEA review ({@code camunda:calledElement}
 * {@value #FMEA_REVIEW}) sets {@code riskLevel} (LOW, MEDIUM, HIGH) and {@code fmeaDecision} (APPROVE, REJECT),
 * the runbook review (a user task with form {@value #RUNBOOK_FORM}) sets {@code decision}, the sign-offs
 * ({@value #SIGN_OFF}) set {@code signOffDecision} — every value each may return is tried. Conditions on the
 * flows are evaluated with those values ({@link Conditions}); a condition it cannot evaluate counts as possibly
 * true. A step that may deploy is any call activity other than the two reviews (whatever it calls) and any
 * service or send task of a deployment bean or class, or of an external worker. Boundary events and event
 * sub-processes are reachable from every state inside their scope. Only the reviews may set the variables the
 * check follows; a user's task completion is assumed not to overwrite them (the review steps' own listeners guard
 * their decisions).
 *
 * <p>Parallel branches are explored one at a time: reviews that run in parallel with each other are not
 * recognised (the check then refuses the model — it never accepts what it cannot show).
 */
public final class ApprovalPathCheck {

  static final String CHECK = "approval-path";
  public static final String FMEA_REVIEW = "fmea-review";
  public static final String SIGN_OFF = "sign-off";
  public static final String RUNBOOK_FORM = "runbook-review";

  static final String RISK = "riskLevel";
  static final String FMEA_DECISION = "fmeaDecision";
  static final String DECISION = "decision";
  static final String SIGN_OFF_DECISION = "signOffDecision";
  static final Set<String> TRACKED = Set.of(RISK, FMEA_DECISION, DECISION, SIGN_OFF_DECISION);
  static final List<String> RISKS = List.of("LOW", "MEDIUM", "HIGH");
  static final List<String> FMEA_DECISIONS = List.of("APPROVE", "REJECT");
  static final List<String> DECISIONS = List.of("APPROVE", "REJECT", "REQUEST_CHANGES");
  static final String APPROVE = "APPROVE";
  static final String HIGH = "HIGH";

  /** Delegates that deploy or roll back a target: a service task using one is a deployment step. */
  static final Set<String> DEPLOYMENT_BEANS = Set.of("deployTarget", "runMigration", "rollBackTarget",
      "rollBackMigration", "planDeployment");

  /**
   * The listeners that make a user task with the runbook-review form a runbook peer review (segregation of duties,
   * the decision and the runbook's confirmations): {@code event -> expression prefix}.
   */
  static final List<String[]> RUNBOOK_GUARDS = List.of(
      new String[] {"assignment", "${segregationOfDuties.runbookReview(task)}"},
      new String[] {"complete", "${segregationOfDuties.runbookReview(task)}"},
      new String[] {"complete", "${approvalDecision.check(task"},
      new String[] {"complete", "${runbookReview.check(task)}"});

  /** What the path has passed, and the values of the variables the reviews set ({@code null}: not set). */
  record State(String node, String risk, String fmea, String decision, String signOff, boolean fmeaPassed,
      boolean runbookPassed, boolean signOffPassed) {

    Map<String, String> values() {
      Map<String, String> values = new HashMap<>();
      values.put(RISK, risk);
      values.put(FMEA_DECISION, fmea);
      values.put(DECISION, decision);
      values.put(SIGN_OFF_DECISION, signOff);
      return values;
    }

    State at(String next) {
      return new State(next, risk, fmea, decision, signOff, fmeaPassed, runbookPassed, signOffPassed);
    }
  }

  private final String model;
  private final BpmnModelInstance bpmn;
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, FlowNode> nodes = new LinkedHashMap<>();
  private final Map<State, State> reachedFrom = new HashMap<>();
  private final Set<String> reported = new LinkedHashSet<>();
  private final Flows flows;

  private ApprovalPathCheck(String model, BpmnModelInstance bpmn) {
    this.model = model;
    this.bpmn = bpmn;
    this.flows = new Flows(bpmn);
  }

  /** Checks the process {@code processId} of {@code bpmn}; no finding means every deployment is approved. */
  public static List<Finding> check(String model, BpmnModelInstance bpmn, String processId) {
    ApprovalPathCheck check = new ApprovalPathCheck(model, bpmn);
    Process process = bpmn.getModelElementById(processId);
    if (process == null) {
      check.findings.add(Finding.error(CHECK, model, null, "process", "The file defines no process " + processId));
      return check.findings;
    }
    check.run(process);
    return check.findings;
  }

  private void run(Process process) {
    for (FlowNode node : bpmn.getModelElementsByType(FlowNode.class)) {
      if (inside(node, process)) {
        nodes.put(node.getId(), node);
      }
    }
    stepsReturnWhatTheCheckFollows();
    onlyTheReviewsSetTheirVariables();
    runbookReviewsAreGuarded();

    Deque<State> queue = new ArrayDeque<>();
    for (FlowElement element : process.getFlowElements()) {
      if (element instanceof StartEvent start) {
        enqueue(queue, new State(start.getId(), null, null, null, null, false, false, false), null);
      }
    }
    boolean deploys = false;
    while (!queue.isEmpty()) {
      State state = queue.poll();
      FlowNode node = nodes.get(state.node());
      if (isDeploymentStep(node)) {
        deploys = true;
        requireApprovals(node, state);
      }
      interruptions(queue, node, state);
      for (State after : effects(node, state)) {
        for (String successor : successors(node, after)) {
          enqueue(queue, after.at(successor), state);
        }
      }
    }
    if (!deploys) {
      findings.add(Finding.info(CHECK, model, process.getId(), "deploys",
          "No path reaches a step that deploys: this version of " + process.getId() + " deploys nothing"));
    }
  }

  // --- the requirement ---

  private void requireApprovals(FlowNode deploy, State state) {
    if (!state.fmeaPassed() || !APPROVE.equals(state.fmea())) {
      violation(deploy, state, "fmea", "is reached without an FMEA review that approved the change");
    }
    if (!state.signOffPassed() || !APPROVE.equals(state.signOff())) {
      violation(deploy, state, "sign-off", "is reached without sign-offs that approved the change after its "
          + "FMEA review");
    }
    if (HIGH.equals(state.risk()) && (!state.runbookPassed() || !APPROVE.equals(state.decision()))) {
      violation(deploy, state, "runbook", "is reached by a HIGH-risk change without an approved runbook peer "
          + "review after its FMEA review");
    }
  }

  private void violation(FlowNode deploy, State state, String what, String message) {
    if (reported.add(deploy.getId() + "/" + what)) {
      findings.add(Finding.error(CHECK, model, deploy.getId(), "approvals-before-deployment",
          label(deploy) + " " + message + ". Path: " + String.join(" → ", path(state))));
    }
  }

  private List<String> path(State state) {
    List<String> path = new ArrayList<>();
    for (State s = state; s != null; s = reachedFrom.get(s)) {
      path.add(0, label(nodes.get(s.node())));
      if (path.size() > 40) {
        path.add(0, "…");
        break;
      }
    }
    return path;
  }

  private static String label(FlowNode node) {
    return node.getName() == null || node.getName().isBlank() ? node.getId()
        : "'" + node.getName().replaceAll("\\s+", " ") + "' (" + node.getId() + ")";
  }

  // --- the steps ---

  private static boolean isFmeaReview(FlowNode node) {
    return node instanceof CallActivity call && FMEA_REVIEW.equals(call.getCalledElement());
  }

  private static boolean isSignOff(FlowNode node) {
    return node instanceof CallActivity call && SIGN_OFF.equals(call.getCalledElement());
  }

  private static boolean isRunbookReview(FlowNode node) {
    return node instanceof UserTask task && RUNBOOK_FORM.equals(task.getCamundaFormRef());
  }

  static boolean isDeploymentStep(FlowNode node) {
    if (node instanceof CallActivity) {
      return !isFmeaReview(node) && !isSignOff(node);
    }
    if (node instanceof ServiceTask || node instanceof SendTask) {
      String implementation = attribute(node, "delegateExpression") + " " + attribute(node, "expression");
      return DEPLOYMENT_BEANS.stream().anyMatch(bean -> implementation.matches(".*[$#]\\{\\s*" + bean + "\\b.*"))
          // an external worker may do anything: it counts as a deployment
          || "external".equals(attribute(node, "type"));
    }
    return false;
  }

  /** The variable states after the node ran: one per value a review may return. */
  private static List<State> effects(FlowNode node, State s) {
    List<State> after = new ArrayList<>();
    if (isFmeaReview(node)) {
      for (String risk : RISKS) {
        for (String fmea : FMEA_DECISIONS) {
          after.add(new State(s.node(), risk, fmea, s.decision(), s.signOff(), true, false, false));
        }
      }
    } else if (isRunbookReview(node)) {
      for (String decision : DECISIONS) {
        after.add(new State(s.node(), s.risk(), s.fmea(), decision, s.signOff(), s.fmeaPassed(), true,
            s.signOffPassed()));
      }
    } else if (isSignOff(node)) {
      for (String signOff : DECISIONS) {
        after.add(new State(s.node(), s.risk(), s.fmea(), s.decision(), signOff, s.fmeaPassed(), s.runbookPassed(),
            true));
      }
    } else {
      after.add(s);
    }
    return after;
  }

  private Collection<String> successors(FlowNode node, State state) {
    List<String> next = new ArrayList<>();
    if (node instanceof SubProcess sub && !sub.triggeredByEvent()) {
      for (FlowElement element : sub.getFlowElements()) {
        if (element instanceof StartEvent start && start.getEventDefinitions().isEmpty()) {
          next.add(start.getId());
        }
      }
      return next;
    }
    if (node instanceof EndEvent && node.getParentElement() instanceof SubProcess parent) {
      return successors(flows.outOf(parent), parent, state);
    }
    if (node instanceof IntermediateThrowEvent && linkName(node) != null) {
      for (FlowElement element : flowElements(node.getParentElement())) {
        if (element instanceof IntermediateCatchEvent target && linkName(target) != null
            && linkName(target).equals(linkName(node))) {
          next.add(target.getId());
        }
      }
      return next;
    }
    return successors(flows.outOf(node), node, state);
  }

  /** The flows that may be taken: every flow of a parallel or event-based split, else those not surely false. */
  private static Collection<String> successors(Collection<SequenceFlow> outgoing, FlowNode node, State state) {
    List<String> next = new ArrayList<>();
    if (node instanceof ParallelGateway || node instanceof EventBasedGateway) {
      outgoing.forEach(flow -> next.add(flow.getTarget().getId()));
      return next;
    }
    SequenceFlow defaultFlow = BpmnLint.defaultFlow(node);
    boolean someTrue = false;
    for (SequenceFlow flow : outgoing) {
      if (flow == defaultFlow) {
        continue;
      }
      String condition = flow.getConditionExpression() == null ? null : flow.getConditionExpression().getTextContent();
      Conditions.Truth truth = Conditions.evaluate(condition, state.values(), TRACKED);
      if (truth != Conditions.Truth.FALSE) {
        next.add(flow.getTarget().getId());
      }
      someTrue |= truth == Conditions.Truth.TRUE && condition != null;
    }
    if (defaultFlow != null && !someTrue) {
      next.add(defaultFlow.getTarget().getId());
    }
    return next;
  }

  /** Boundary events of the node and of every sub-process around it, event sub-processes of every scope around. */
  private void interruptions(Deque<State> queue, FlowNode node, State state) {
    for (ModelElementInstance scope = node; scope != null; scope = scope.getParentElement()) {
      if (scope instanceof Activity activity && (scope == node || scope instanceof SubProcess)) {
        for (BoundaryEvent boundary : bpmn.getModelElementsByType(BoundaryEvent.class)) {
          if (boundary.getAttachedTo() == activity) {
            enqueue(queue, state.at(boundary.getId()), state);
          }
        }
      }
      if (scope != node && (scope instanceof Process || scope instanceof SubProcess)) {
        for (FlowElement element : flowElements(scope)) {
          if (element instanceof SubProcess eventSub && eventSub.triggeredByEvent()) {
            for (FlowElement inner : eventSub.getFlowElements()) {
              if (inner instanceof StartEvent start) {
                enqueue(queue, state.at(start.getId()), state);
              }
            }
          }
        }
      }
      if (scope instanceof Process) {
        break;
      }
    }
  }

  private void enqueue(Deque<State> queue, State state, State from) {
    if (nodes.containsKey(state.node()) && !reachedFrom.containsKey(state)) {
      reachedFrom.put(state, from);
      queue.add(state);
    }
  }

  // --- what the reviews return, and who else sets it ---

  private void stepsReturnWhatTheCheckFollows() {
    for (FlowNode node : nodes.values()) {
      if (isFmeaReview(node)) {
        requireOut(node, RISK);
        requireOut(node, FMEA_DECISION);
      } else if (isSignOff(node)) {
        requireOut(node, SIGN_OFF_DECISION);
      }
    }
  }

  private void requireOut(FlowNode call, String variable) {
    boolean returned = outs(call).stream().anyMatch(out -> "all".equals(out.getCamundaVariables())
        || variable.equals(out.getCamundaSource()) && variable.equals(out.getCamundaTarget()));
    if (!returned) {
      findings.add(Finding.error(CHECK, model, call.getId(), "review-returns", label(call) + " must return "
          + variable + " (camunda:out source and target " + variable + ")"));
    }
  }

  private void onlyTheReviewsSetTheirVariables() {
    for (FlowNode node : nodes.values()) {
      Set<String> sets = new LinkedHashSet<>();
      for (CamundaOut out : outs(node)) {
        if (out.getCamundaTarget() != null && TRACKED.contains(out.getCamundaTarget())) {
          sets.add(out.getCamundaTarget());
        }
        if ("all".equals(out.getCamundaVariables()) && !isFmeaReview(node) && !isSignOff(node)) {
          sets.add("every variable of the called process");
        }
      }
      if (node.getExtensionElements() != null) {
        for (CamundaInputOutput io : node.getExtensionElements().getChildElementsByType(CamundaInputOutput.class)) {
          for (CamundaOutputParameter parameter : io.getCamundaOutputParameters()) {
            if (TRACKED.contains(parameter.getCamundaName())) {
              sets.add(parameter.getCamundaName());
            }
          }
        }
      }
      if (node instanceof BusinessRuleTask task && TRACKED.contains(task.getCamundaResultVariable())) {
        sets.add(task.getCamundaResultVariable());
      }
      if (isFmeaReview(node)) {
        sets.removeAll(Set.of(RISK, FMEA_DECISION));
      } else if (isSignOff(node)) {
        sets.remove(SIGN_OFF_DECISION);
      }
      for (String variable : sets) {
        findings.add(Finding.error(CHECK, model, node.getId(), "review-variables", label(node) + " sets " + variable
            + ", which only the review that decides it may set"));
      }
    }
  }

  private void runbookReviewsAreGuarded() {
    for (FlowNode node : nodes.values()) {
      if (!isRunbookReview(node)) {
        continue;
      }
      List<CamundaTaskListener> listeners = node.getExtensionElements() == null ? List.of()
          : node.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list();
      for (String[] guard : RUNBOOK_GUARDS) {
        boolean present = listeners.stream().anyMatch(l -> guard[0].equals(l.getCamundaEvent())
            && l.getCamundaExpression() != null && l.getCamundaExpression().replace(" ", "")
            .startsWith(guard[1].replace(" ", "").replace(")}", "")));
        if (!present) {
          findings.add(Finding.error(CHECK, model, node.getId(), "runbook-review-guards", label(node)
              + " has the runbook-review form but not its " + guard[0] + " task listener " + guard[1]
              + (guard[1].endsWith("}") ? "" : ", …)}") + ": without it the engine does not hold the review to its "
              + "rules"));
        }
      }
    }
  }

  private static List<CamundaOut> outs(FlowNode node) {
    return node.getExtensionElements() == null ? List.of()
        : node.getExtensionElements().getElementsQuery().filterByType(CamundaOut.class).list();
  }

  private static String linkName(FlowNode node) {
    for (EventDefinition definition : BpmnLint.eventDefinitions((Event) node)) {
      if (definition instanceof LinkEventDefinition link) {
        return link.getName();
      }
    }
    return null;
  }

  private static Collection<FlowElement> flowElements(ModelElementInstance container) {
    if (container instanceof Process process) {
      return process.getFlowElements();
    }
    if (container instanceof SubProcess subProcess) {
      return subProcess.getFlowElements();
    }
    return List.of();
  }

  private static String attribute(BaseElement element, String name) {
    return element.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", name);
  }

  private static boolean inside(ModelElementInstance element, Process process) {
    for (ModelElementInstance parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent == process) {
        return true;
      }
    }
    return false;
  }
}
