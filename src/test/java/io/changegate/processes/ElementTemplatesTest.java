package io.changegate.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.governance.ModelChange;
import io.changegate.governance.ModelKind;
import io.changegate.governance.Models;
import io.changegate.governance.check.ApprovedModels;
import io.changegate.governance.check.CheckReport;
import io.changegate.governance.check.Finding;
import io.changegate.governance.check.ModelChecks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Camunda Modeler element templates of {@code .camunda/element-templates/}: each is applied as Modeler applies
 * it (its bindings set on the element, {@code camunda:modelerTemplate} stamped), the model deploys on the engine
 * and passes the model change's checks; and a variant normal-change built from the blocks alone passes the
 * approval-path check.
 */
class ElementTemplatesTest extends ProcessTestSupport {

  static final Path TEMPLATES = Path.of(".camunda/element-templates");
  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  static final Set<String> C7_BINDINGS = Set.of("property", "camunda:property", "camunda:inputParameter",
      "camunda:outputParameter", "camunda:in", "camunda:out", "camunda:in:businessKey", "camunda:executionListener",
      "camunda:field", "camunda:errorEventDefinition");
  static final ObjectMapper JSON = new ObjectMapper();
  static final ModelChecks CHECKS = new ModelChecks();

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  static Stream<String> templates() throws IOException {
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
    }
  }

  static JsonNode template(String file) {
    try {
      return JSON.readTree(TEMPLATES.resolve(file).toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void thereIsATemplateForEachBuildingBlock() throws IOException {
    assertThat(templates().map(f -> template(f).path("id").asText())).containsExactlyInAnyOrder(
        "io.changegate.fmea-review", "io.changegate.sign-off", "io.changegate.runbook-review",
        "io.changegate.deploy-and-validate", "io.changegate.calendar-check", "io.changegate.validate-deployment");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void aModelMadeWithTheTemplateDeploysAndPassesTheChecks(String file) {
    JsonNode template = template(file);
    assertThat(template.path("$schema").asText()).contains("element-templates-json-schema");
    assertThat(template.path("name").asText()).startsWith("Changegate: ");
    assertThat(template.path("version").asInt()).isPositive();
    for (JsonNode property : template.path("properties")) {
      assertThat(C7_BINDINGS).as(file + ": Camunda 7 binding").contains(property.path("binding").path("type").asText());
    }
    String type = template.path("elementType").path("value").asText();
    assertThat(template.path("appliesTo").toString()).as("applies to its element type").contains("\"" + type + "\"");

    AbstractFlowNodeBuilder<?, ?> start = Bpmn.createExecutableProcess("template-check").name("Template check")
        .camundaHistoryTimeToLive(1).startEvent("StartEvent_Started").name("Started");
    AbstractFlowNodeBuilder<?, ?> block = switch (type) {
      case "bpmn:CallActivity" -> start.callActivity("Element_Block");
      case "bpmn:ServiceTask" -> start.serviceTask("Element_Block");
      case "bpmn:UserTask" -> start.userTask("Element_Block");
      default -> throw new AssertionError(file + ": no test model for " + type);
    };
    BpmnModelInstance model = block.endEvent("EndEvent_Done").name("Done").done();
    apply(template, model.getModelElementById("Element_Block"), model);

    assertThat(findings(model, "template-check").stream().filter(Finding::isError)).as(file).isEmpty();
    assertThat(deploy(model).getKey()).isEqualTo("template-check");
  }

  @Test
  void aNormalChangeVariantBuiltFromTheBlocksDeploysAndPassesTheApprovalPathCheck() {
    BpmnModelInstance variant = Bpmn.createExecutableProcess("normal-change").name("Normal change (variant)")
        .camundaHistoryTimeToLive(180)
        .startEvent("StartEvent_NormalChangeStarted").name("Normal change to review")
        .callActivity("CallActivity_FmeaReview")
        .exclusiveGateway("Gateway_FmeaAccepted").name("FMEA accepted?")
          .condition("rejected", "${fmeaDecision != 'APPROVE'}")
          .endEvent("EndEvent_FmeaRejected").name("Rejected in the FMEA review")
        .moveToNode("Gateway_FmeaAccepted").condition("accepted", "${fmeaDecision == 'APPROVE'}")
        .exclusiveGateway("Gateway_RiskHigh").name("Risk HIGH?")
          .condition("HIGH", "${riskLevel == 'HIGH'}")
          .userTask("Task_ReviewRunbook")
          .exclusiveGateway("Gateway_RunbookApproved").name("Runbook approved?")
            .condition("not approved", "${decision != 'APPROVE'}")
            .endEvent("EndEvent_RunbookNotApproved").name("Runbook not approved")
          .moveToNode("Gateway_RunbookApproved").condition("approved", "${decision == 'APPROVE'}")
          .exclusiveGateway("Gateway_ReadyForSignOff")
          .callActivity("CallActivity_SignOff")
          .exclusiveGateway("Gateway_SignedOff").name("Signed off?")
            .condition("not signed off", "${signOffDecision != 'APPROVE'}")
            .endEvent("EndEvent_NotSignedOff").name("Not signed off")
          .moveToNode("Gateway_SignedOff").condition("signed off", "${signOffDecision == 'APPROVE'}")
          .serviceTask("Task_CheckPlannedSlot")
          .exclusiveGateway("Gateway_SlotFree").name("Slot free now?")
            .condition("not now", "${calendarVerdict != 'CLEAR'}")
            .endEvent("EndEvent_NotNow").name("Not now")
          .moveToNode("Gateway_SlotFree").condition("free now", "${calendarVerdict == 'CLEAR'}")
          .callActivity("CallActivity_DeployApprovedChange")
          .endEvent("EndEvent_NormalChangeDone").name("Normal change done")
        .moveToNode("Gateway_RiskHigh").condition("LOW or MEDIUM", "${riskLevel != 'HIGH'}")
          .connectTo("Gateway_ReadyForSignOff")
        .done();
    apply(template("changegate-fmea-review.json"), variant.getModelElementById("CallActivity_FmeaReview"), variant);
    apply(template("changegate-runbook-review.json"), variant.getModelElementById("Task_ReviewRunbook"), variant);
    apply(template("changegate-sign-off.json"), variant.getModelElementById("CallActivity_SignOff"), variant);
    apply(template("changegate-calendar-check.json"), variant.getModelElementById("Task_CheckPlannedSlot"), variant);
    apply(template("changegate-deploy-and-validate.json"),
        variant.getModelElementById("CallActivity_DeployApprovedChange"), variant);

    // Camunda 7 templates cannot set task listeners: the runbook review's come from the approved task it was
    // applied to, and without them the check refuses the variant
    assertThat(findings(variant, "normal-change")).filteredOn(Finding::isError).extracting(Finding::rule)
        .containsOnly("runbook-review-guards");
    copyTaskListenersOfTheApprovedRunbookReview(variant.getModelElementById("Task_ReviewRunbook"), variant);

    assertThat(findings(variant, "normal-change")).filteredOn(Finding::isError).isEmpty();
    assertThat(deploy(variant).getKey()).isEqualTo("normal-change");
  }

  /** Applies a template's bindings to the element, as Camunda Modeler does. */
  static void apply(JsonNode template, BaseElement element, BpmnModelInstance model) {
    element.setAttributeValueNs(CAMUNDA_NS, "modelerTemplate", template.path("id").asText());
    element.setAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion", template.path("version").asText());
    for (JsonNode property : template.path("properties")) {
      JsonNode binding = property.path("binding");
      String value = property.path("value").asText();
      switch (binding.path("type").asText()) {
        case "property" -> {
          String name = binding.path("name").asText();
          if (name.startsWith("camunda:")) {
            element.setAttributeValueNs(CAMUNDA_NS, name.substring("camunda:".length()), value);
          } else {
            element.setAttributeValue(name, value);
          }
        }
        case "camunda:in:businessKey" -> {
          CamundaIn in = model.newInstance(CamundaIn.class);
          in.setCamundaBusinessKey(value);
          extensions(element, model).addChildElement(in);
        }
        case "camunda:in" -> {
          CamundaIn in = model.newInstance(CamundaIn.class);
          in.setCamundaSource(value);
          in.setCamundaTarget(binding.path("target").asText());
          extensions(element, model).addChildElement(in);
        }
        case "camunda:out" -> {
          CamundaOut out = model.newInstance(CamundaOut.class);
          out.setCamundaSource(binding.path("source").asText());
          out.setCamundaTarget(value);
          extensions(element, model).addChildElement(out);
        }
        default -> throw new AssertionError("the test applies no binding " + binding);
      }
    }
  }

  static ExtensionElements extensions(BaseElement element, BpmnModelInstance model) {
    if (element.getExtensionElements() == null) {
      element.setExtensionElements(model.newInstance(ExtensionElements.class));
    }
    return element.getExtensionElements();
  }

  static void copyTaskListenersOfTheApprovedRunbookReview(UserTask task, BpmnModelInstance model) {
    BpmnModelInstance approved = Bpmn.readModelFromStream(
        new ByteArrayInputStream(Models.bytes(NORMAL_CHANGE_BPMN)));
    UserTask review = approved.getModelElementById("Task_ReviewRunbook");
    for (CamundaTaskListener listener : review.getExtensionElements().getElementsQuery()
        .filterByType(CamundaTaskListener.class).list()) {
      CamundaTaskListener copy = model.newInstance(CamundaTaskListener.class);
      copy.setCamundaEvent(listener.getCamundaEvent());
      copy.setCamundaExpression(listener.getCamundaExpression());
      extensions(task, model).addChildElement(copy);
    }
  }

  /** The model change's checks, with the release's models as the approved versions. */
  static List<Finding> findings(BpmnModelInstance model, String key) {
    String xml = Bpmn.convertToString(model);
    ModelChange.Resource file = new ModelChange.Resource(key + ".bpmn", ModelKind.BPMN, List.of(key),
        io.changegate.governance.ModelFile.sha256(xml.getBytes(StandardCharsets.UTF_8)), xml, null);
    CheckReport report = CHECKS.check(List.of(file), RELEASE);
    return report.findings();
  }

  /** The release's models (processes/, forms/) as the approved version 1 of each key. */
  static final ApprovedModels RELEASE = (kind, key) -> {
    String resource = switch (kind) {
      case BPMN -> "processes/" + key + ".bpmn";
      case DMN -> "processes/" + key + ".dmn";
      case FORM -> "forms/" + key + ".form";
      case CMMN -> null;
    };
    if (resource == null || ElementTemplatesTest.class.getClassLoader().getResource(resource) == null) {
      return Optional.empty();
    }
    byte[] content = Models.bytes(resource);
    return Optional.of(new ApprovedModels.Approved(kind, key, 1, key + ":1", resource, content,
        io.changegate.governance.ModelFile.sha256(content)));
  };

  ProcessDefinition deploy(BpmnModelInstance model) {
    var deployment = processEngine.getRepositoryService().createDeployment()
        .addModelInstance("variant.bpmn", model).deployWithResult();
    ProcessDefinition definition = deployment.getDeployedProcessDefinitions().get(0);
    processEngine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    return definition;
  }
}
