package io.changegate.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.engine.CallsOut;
import io.changegate.engine.modelcheck.CallableBeans;
import io.changegate.engine.modelcheck.ModelChecker;
import io.changegate.engine.modelcheck.ModelProblem;
import io.changegate.security.Groups;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The modelling rules every diagram in {@code processes/} follows (STYLE.md, docs/names.md), checked on the
 * packaged files themselves: a new diagram is checked as soon as it is added. No engine, no Spring context.
 * Each rule lists every violation it finds, with the element id.
 */
class ProcessModelConformanceTest {

  static final String DIAGRAMS = "classpath*:processes/*.bpmn";
  static final String FORMS = "classpath:forms/";
  static final String FORM_SUFFIX = ".form";
  static final String FORM_REF_BINDING = "latest";
  static final String PRODUCT_PACKAGE = "io.changegate";

  private static final PathMatchingResourcePatternResolver RESOLVER = new PathMatchingResourcePatternResolver();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ModelChecker MODEL_CHECK = new ModelChecker(CallableBeans.scan());

  /** A packaged diagram: its file name and its parsed model. */
  record Diagram(String fileName, BpmnModelInstance model) {

    String expectedProcessId() {
      return fileName.substring(0, fileName.length() - ".bpmn".length());
    }

    <T extends org.camunda.bpm.model.xml.instance.ModelElementInstance> Collection<T> all(Class<T> type) {
      return model.getModelElementsByType(type);
    }

    @Override
    public String toString() {
      return fileName;
    }
  }

  static Stream<Diagram> diagrams() throws IOException {
    Resource[] resources = RESOLVER.getResources(DIAGRAMS);
    return Arrays.stream(resources)
        .map(resource -> {
          try (InputStream in = resource.getInputStream()) {
            return new Diagram(resource.getFilename(), Bpmn.readModelFromStream(in));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })
        .sorted((a, b) -> a.fileName().compareTo(b.fileName()));
  }

  /** Bean names of the delegates annotated {@link CallsOut}, as Spring names them. */
  static Map<String, String> callsOutBeans() {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(CallsOut.class));
    SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
    Map<String, String> beans = new TreeMap<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents(PRODUCT_PACKAGE)) {
      beans.put(AnnotationBeanNameGenerator.INSTANCE.generateBeanName(candidate, registry),
          candidate.getBeanClassName());
    }
    return beans;
  }

  @Test
  void theScansFindTheProductDiagramsAndTheDelegatesThatCallOut() throws IOException {
    assertThat(diagrams().map(Diagram::fileName)).contains("change-request.bpmn", "standard-change.bpmn",
        "normal-change.bpmn", "emergency-change.bpmn", "deployment.bpmn", "rollback.bpmn", "rollback-request.bpmn",
        "fmea-review.bpmn");
    assertThat(callsOutBeans()).containsKeys("deployTarget", "checkRollout", "rollBackTarget", "validateChange");
  }

  /** Every product resource as it is deployed: its name under processes/ or forms/ and its bytes. */
  static Stream<Arguments> productResources() throws IOException {
    List<Arguments> resources = new ArrayList<>();
    for (String pattern : List.of(DIAGRAMS, "classpath*:processes/*.dmn", "classpath*:forms/*.form")) {
      String folder = pattern.substring("classpath*:".length(), pattern.indexOf('/') + 1);
      for (Resource resource : RESOLVER.getResources(pattern)) {
        try (InputStream in = resource.getInputStream()) {
          resources.add(Arguments.of(folder + resource.getFilename(), in.readAllBytes()));
        }
      }
    }
    return resources.stream();
  }

  /** No code in models (docs/model-rules.md): the check every deployment passes, on the product's own models. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("productResources")
  void passesTheModelCheck(String resource, byte[] content) {
    List<String> problems = MODEL_CHECK.check(resource, content).stream()
        .map(ModelProblem::getMessage).toList();

    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagrams")
  void fileIsNamedAfterItsOneExecutableProcess(Diagram diagram) {
    Collection<Process> processes = diagram.all(Process.class);

    assertThat(processes).extracting(Process::getId).containsExactly(diagram.expectedProcessId());
    assertThat(processes).allMatch(Process::isExecutable, "is executable");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagrams")
  void processHasAHistoryTimeToLive(Diagram diagram) {
    List<String> violations = new ArrayList<>();
    for (Process process : diagram.all(Process.class)) {
      String ttl = process.getCamundaHistoryTimeToLiveString();
      if (ttl == null || ttl.isBlank()) {
        violations.add(process.getId() + " has no camunda:historyTimeToLive");
      }
    }
    assertThat(violations).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagrams")
  void everyFlowNodeIsDrawnAndEverySequenceFlowToo(Diagram diagram) {
    Set<String> shapes = diagram.all(BpmnShape.class).stream()
        .map(BpmnShape::getBpmnElement).filter(e -> e != null).map(BaseElement::getId).collect(Collectors.toSet());
    Set<String> edges = diagram.all(BpmnEdge.class).stream()
        .map(BpmnEdge::getBpmnElement).filter(e -> e != null).map(BaseElement::getId).collect(Collectors.toSet());

    List<String> violations = new ArrayList<>();
    diagram.all(FlowNode.class).stream().map(FlowNode::getId).filter(id -> !shapes.contains(id))
        .forEach(id -> violations.add(id + " has no BPMNShape"));
    diagram.all(SequenceFlow.class).stream().map(SequenceFlow::getId).filter(id -> !edges.contains(id))
        .forEach(id -> violations.add(id + " has no BPMNEdge"));

    assertThat(diagram.all(FlowNode.class)).as("flow nodes").isNotEmpty();
    assertThat(violations).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagrams")
  void tasksEventsGatewaysAndSubProcessesAreNamed(Diagram diagram) {
    List<String> violations = new ArrayList<>();
    for (FlowNode node : diagram.all(FlowNode.class)) {
      boolean needsName = node instanceof Activity || node instanceof Event || node instanceof Gateway;
      if (needsName && isBlank(node.getName()) && !isMergeOnlyGateway(node)) {
        violations.add(node.getElementType().getTypeName() + " " + node.getId() + " has no name");
      }
    }
    assertThat(violations).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagrams")
  void userTasksHaveCandidateGroupsAndALatestCamundaFormThatExists(Diagram diagram) throws IOException {
    List<String> violations = new ArrayList<>();
    for (UserTask task : diagram.all(UserTask.class)) {
      String id = task.getId();
      List<String> groups = task.getCamundaCandidateGroupsList();
      // a task for one named person (the requester reworking their own FMEA) has candidate users instead
      if (groups.isEmpty() && task.getCamundaCandidateUsersList().isEmpty()) {
        violations.add(id + " has no camunda:candidateGroups (nor camunda:candidateUsers)");
      }
      groups.stream().filter(g -> !g.contains("${") && !g.contains("#{") && !Groups.ALL.contains(g))
          .forEach(g -> violations.add(id + " names candidate group '" + g + "', not one of " + Groups.ALL));

      String formRef = task.getCamundaFormRef();
      if (isBlank(formRef)) {
        violations.add(id + " has no camunda:formRef");
        continue;
      }
      if (!FORM_REF_BINDING.equals(task.getCamundaFormRefBinding())) {
        violations.add(id + " has camunda:formRefBinding '" + task.getCamundaFormRefBinding() + "', not '"
            + FORM_REF_BINDING + "'");
      }
      Resource form = RESOLVER.getResource(FORMS + formRef + FORM_SUFFIX);
      if (!form.exists()) {
        violations.add(id + " refers to form '" + formRef + "' but forms/" + formRef + FORM_SUFFIX + " is missing");
        continue;
      }
      try (InputStream in = form.getInputStream()) {
        JsonNode formId = JSON.readTree(in).get("id");
        if (formId == null || !formRef.equals(formId.asText())) {
          violations.add(id + " refers to form '" + formRef + "' but forms/" + formRef + FORM_SUFFIX
              + " has id " + formId);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagrams")
  void serviceTasksThatCallOutAreAsyncBeforeWithARetryCycle(Diagram diagram) {
    Map<String, String> callsOut = callsOutBeans();
    List<String> violations = new ArrayList<>();
    List<Activity> tasks = new ArrayList<>(diagram.all(ServiceTask.class));
    tasks.addAll(diagram.all(SendTask.class));
    for (Activity task : tasks) {
      String bean = calledOutBean(task, callsOut);
      if (bean == null) {
        continue;
      }
      if (!task.isCamundaAsyncBefore()) {
        violations.add(task.getId() + " calls @CallsOut bean " + bean + " but is not camunda:asyncBefore");
      }
      if (isBlank(retryTimeCycle(task))) {
        violations.add(task.getId() + " calls @CallsOut bean " + bean + " but has no camunda:failedJobRetryTimeCycle");
      }
    }
    assertThat(violations).isEmpty();
  }

  /** The {@link CallsOut} bean a service or send task invokes, by delegate expression, expression or class. */
  private static String calledOutBean(Activity task, Map<String, String> callsOut) {
    String delegateExpression = task.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
    String expression = task.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "expression");
    String className = task.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "class");
    for (Map.Entry<String, String> bean : callsOut.entrySet()) {
      String name = bean.getKey();
      if (delegateExpression != null && delegateExpression.replaceAll("\\s", "").matches("[$#]\\{" + name + "}")) {
        return name;
      }
      if (expression != null && expression.replaceAll("\\s", "").matches("[$#]\\{" + name + "\\..*")) {
        return name;
      }
      if (bean.getValue().equals(className)) {
        return name;
      }
    }
    return null;
  }

  private static String retryTimeCycle(Activity task) {
    ExtensionElements extensions = task.getExtensionElements();
    if (extensions == null) {
      return null;
    }
    return extensions.getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list().stream()
        .map(CamundaFailedJobRetryTimeCycle::getTextContent).findFirst().orElse(null);
  }

  /** A gateway that only joins flows (several in, one out) may stay unnamed. */
  private static boolean isMergeOnlyGateway(FlowNode node) {
    return node instanceof Gateway && node.getIncoming().size() > 1 && node.getOutgoing().size() == 1;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
