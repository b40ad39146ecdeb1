package io.changegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.change.process.ChangeStatusListener;
import io.changegate.engine.ProductResourceDeployer.ProductResource;
import io.changegate.engine.modelcheck.ModelRefused;
import io.changegate.engine.modelcheck.RestrictedExpressionManager;
import io.changegate.security.WebappSession;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Http;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * No code in models, over real HTTP against the real engine: a process owner deploys what an attacker would,
 * on every route a model arrives by, and gets 400 naming the element and the reason; nothing is deployed.
 */
@ChangegateIntegrationTest
class ModelCodeApiTest {

  static final String PROCESS_OWNER = "process-owner";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String EXEC =
      "${''.getClass().forName('java.lang.Runtime').getMethod('exec', ''.getClass()).invoke(null, 'touch /tmp/pwned')}";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired ProductResourceDeployer productDeployer;
  @Autowired SystemDeployments systemDeployments;

  static String bpmn(String key, String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            id="Definitions_Probe" targetNamespace="https://changegate.io/test">
          <bpmn:process id="%s" name="Probe" isExecutable="true" camunda:historyTimeToLive="P1D">
        %s
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, body);
  }

  static String runsCode() {
    return bpmn("run-code", """
        <bpmn:startEvent id="StartEvent_EverySecond" name="Every second">
          <bpmn:timerEventDefinition id="TimerEventDefinition_EverySecond">
            <bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/PT1S</bpmn:timeCycle>
          </bpmn:timerEventDefinition>
        </bpmn:startEvent>
        <bpmn:sequenceFlow id="SequenceFlow_ToCommand" sourceRef="StartEvent_EverySecond" targetRef="Task_RunCommand"/>
        <bpmn:serviceTask id="Task_RunCommand" name="Run a command" camunda:expression="%s"/>
        <bpmn:sequenceFlow id="SequenceFlow_ToEnd" sourceRef="Task_RunCommand" targetRef="EndEvent_Done"/>
        <bpmn:endEvent id="EndEvent_Done" name="Done"/>""".formatted(EXEC));
  }

  static String dmn(String key, String outputEntry) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
            id="Definitions_Probe" name="Probe" namespace="https://changegate.io/test">
          <decision id="%s" name="Probe decision" camunda:historyTimeToLive="P1D">
            <decisionTable id="DecisionTable_Probe">
              <input id="Input_Impact" label="Impact">
                <inputExpression id="InputExpression_Impact" typeRef="string"><text>impact</text></inputExpression>
              </input>
              <output id="Output_Group" label="Group" name="group" typeRef="string"/>
              <rule id="Rule_High">
                <inputEntry id="InputEntry_High"><text>"HIGH"</text></inputEntry>
                <outputEntry id="OutputEntry_High" %s</outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(key, outputEntry);
  }

  static Stream<Arguments> attacks() {
    return Stream.of(
        Arguments.of("code-running model (timer start + exec)", Map.of("run-code.bpmn", runsCode()),
            "Task_RunCommand", "Run a command", "getClass(), forName(), getMethod(), invoke()"),
        Arguments.of("bean-reading model", Map.of("read-password.bpmn", bpmn("read-password", """
            <bpmn:startEvent id="StartEvent_Go" name="Go"/>
            <bpmn:sequenceFlow id="SequenceFlow_ToRead" sourceRef="StartEvent_Go" targetRef="Task_ReadPassword"/>
            <bpmn:serviceTask id="Task_ReadPassword" name="Read the password" camunda:resultVariable="password"
                camunda:expression="${environment.getProperty('changegate.security.admin.password')}"/>""")),
            "Task_ReadPassword", "Read the password", "calls getProperty() on 'environment'"),
        Arguments.of("engine services through the execution", Map.of("services.bpmn", bpmn("services", """
            <bpmn:serviceTask id="Task_Services" name="Use the services"
                camunda:expression="${execution.processEngineServices.identityService.createUserQuery().list()}"/>""")),
            "Task_Services", "Use the services", "processEngineServices"),
        Arguments.of("Java class", Map.of("process-builder.bpmn", bpmn("process-builder", """
            <bpmn:serviceTask id="Task_Build" name="Build a process" camunda:class="java.lang.ProcessBuilder"/>""")),
            "Task_Build", "Build a process", "names a Java class for the engine to instantiate"),
        Arguments.of("Spring bean as delegate", Map.of("delegate.bpmn", bpmn("delegate", """
            <bpmn:serviceTask id="Task_Delegate" name="Delegate" camunda:delegateExpression="${dataSource}"/>""")),
            "Task_Delegate", "Delegate", "must name a bean callable from models"),
        Arguments.of("script task", Map.of("script.bpmn", bpmn("script", """
            <bpmn:scriptTask id="Task_Script" name="Run a script" scriptFormat="groovy">
              <bpmn:script>'id'.execute()</bpmn:script>
            </bpmn:scriptTask>""")), "Task_Script", "Run a script", "script task"),
        Arguments.of("script condition", Map.of("condition.bpmn", bpmn("condition", """
            <bpmn:sequenceFlow id="SequenceFlow_Script" name="always" sourceRef="a" targetRef="b">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">true</bpmn:conditionExpression>
            </bpmn:sequenceFlow>""")), "SequenceFlow_Script", "always", "scripts are not allowed"),
        Arguments.of("DMN JUEL output calling an unmarked bean", Map.of("read-password.dmn",
            dmn("read-password", "expressionLanguage=\"juel\"><text>environment.getProperty('changegate.security.admin.password')</text>")),
            "OutputEntry_High", null, "calls getProperty() on 'environment'"),
        Arguments.of("DMN script language", Map.of("script.dmn",
            dmn("script-decision", "expressionLanguage=\"javascript\"><text>java.lang.Runtime.getRuntime()</text>")),
            "OutputEntry_High", null, "is not FEEL or JUEL"),
        Arguments.of("FEEL external function", Map.of("feel.dmn", dmn("feel-decision",
            "><text>{f: function(k) external {java: {class: \"java.lang.System\", method signature: "
                + "\"getProperty(java.lang.String)\"}}, r: f(\"user.home\")}.r</text>")),
            "OutputEntry_High", null, "FEEL 'external' function"),
        Arguments.of("DOCTYPE with an external entity", Map.of("doctype.bpmn", """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE definitions [<!ENTITY passwd SYSTEM "file:///etc/passwd">]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_Doctype"
                targetNamespace="https://changegate.io/test">
              <bpmn:process id="doctype" name="&passwd;" isExecutable="true"/>
            </bpmn:definitions>
            """), null, null, "declares a DOCTYPE"),
        Arguments.of("embedded HTML form and its page", Map.of(
            "html-form.bpmn", bpmn("html-form", """
                <bpmn:startEvent id="StartEvent_Form" name="Start" camunda:formKey="embedded:deployment:evil.html"/>"""),
            "evil.html", "<html><script>fetch('/camunda/api/engine/engine/default/user')</script></html>"),
            "StartEvent_Form", "Start", "camunda:formRef"),
        Arguments.of("form with an iframe", Map.of("frame.form", """
            {"id": "frame", "type": "default", "components": [
              {"type": "iframe", "id": "Field_Frame", "label": "Frame", "url": "https://evil.example/"}]}"""),
            "Field_Frame", "Frame", "iframe components are not allowed"),
        Arguments.of("a good model deployed with a bad one", orderedFiles(
            "good.bpmn", bpmn("good-with-bad", """
                <bpmn:startEvent id="StartEvent_Good" name="Good"/>"""),
            "bad.dmn", dmn("bad-with-good", "expressionLanguage=\"juel\"><text>${''.getClass()}</text>")),
            "OutputEntry_High", null, "getClass()"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void refusesTheModelNamingElementAndReasonAndDeploysNothing(String attack, Map<String, String> files,
      String elementId, String elementName, String reason) {
    Counts before = counts();

    Http.Response response = deploy(files);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    JsonNode body = response.json();
    assertThat(body.path("type").asText()).isEqualTo("ParseException");
    String message = body.path("message").asText();
    assertThat(message).startsWith("Model refused").contains(reason);
    if (elementId != null) {
      assertThat(message).contains("'" + elementId + "'");
      List<String> mainElementIds = body.path("details").findValues("mainElementId").stream()
          .map(JsonNode::asText).toList();
      assertThat(mainElementIds).contains(elementId);
      // BPMN and DMN problems carry their line (forms are JSON: no lines)
      body.path("details").fields().forEachRemaining(file -> file.getValue().path("errors").forEach(error -> {
        if (!file.getKey().endsWith(".form") && elementId.equals(error.path("mainElementId").asText())) {
          assertThat(error.path("line").asInt()).as(file.getKey()).isPositive();
        }
      }));
    }
    if (elementName != null) {
      assertThat(message).contains("'" + elementId + "' (\"" + elementName + "\")");
    }
    assertThat(counts()).isEqualTo(before);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKeyIn("run-code", "read-password",
        "good-with-bad", "html-form", "doctype").count()).isZero();
    for (String decision : List.of("read-password", "bad-with-good", "feel-decision")) {
      assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(decision).count()).isZero();
    }
  }

  @Test
  void refusesTheCodeRunningModelOnTheWebappsApiToo() throws Exception {
    Counts before = counts();
    Multipart upload = multipart(Map.of("run-code.bpmn", runsCode()));

    HttpResponse<String> response = WebappSession.loggedIn(port, PROCESS_OWNER, "cockpit")
        .post("/camunda/api/engine/engine/default/deployment/create", upload.contentType(), upload.body());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("message").asText())
        .startsWith("Model refused").contains("'Task_RunCommand' (\"Run a command\")", "getClass()");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void refusesABadProductModelAtStartWithTheSameMessage() {
    Counts before = counts();
    List<ProductResource> resources = List.of(
        new ProductResource("processes/run-code.bpmn", runsCode().getBytes(StandardCharsets.UTF_8)));
    String overHttp = deploy(Map.of("processes/run-code.bpmn", runsCode())).json().path("message").asText();

    // ProductResourceDeployer.postProcessEngineBuild deploys exactly so: the exception fails the start
    assertThatThrownBy(() -> productDeployer.deploy(repository, resources))
        .isInstanceOf(ModelRefused.class).hasMessage(overHttp);
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void deploysAndRunsAModelOfAllowedForms() {
    String key = "allowed-forms";
    String xml = bpmn(key, """
        <bpmn:startEvent id="StartEvent_Go" name="Go"/>
        <bpmn:sequenceFlow id="SequenceFlow_ToRisk" sourceRef="StartEvent_Go" targetRef="Gateway_Risk"/>
        <bpmn:exclusiveGateway id="Gateway_Risk" name="Risk high?"/>
        <bpmn:sequenceFlow id="SequenceFlow_High" name="yes" sourceRef="Gateway_Risk" targetRef="EndEvent_High">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${riskLevel == 'HIGH' &amp;&amp; !empty targets}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="SequenceFlow_Low" name="no" sourceRef="Gateway_Risk" targetRef="EndEvent_Low">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${riskLevel != 'HIGH' || empty targets}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:endEvent id="EndEvent_High" name="High">
          <bpmn:extensionElements>
            <camunda:inputOutput>
              <camunda:inputParameter name="seen">${execution.processBusinessKey}: ${targets[0]}</camunda:inputParameter>
            </camunda:inputOutput>
            <camunda:executionListener event="end" expression="${execution.processInstanceId}"/>
          </bpmn:extensionElements>
        </bpmn:endEvent>
        <bpmn:endEvent id="EndEvent_Low" name="Low"/>""");

    // over HTTP it passes the check and becomes a proposal (a model change); the approved version runs
    Http.Response response = deploy(Map.of("allowed-forms.bpmn", xml));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    systemDeployments.run("test: the version its model change approved", () -> repository.createDeployment()
        .name("allowed-forms").addString("allowed-forms.bpmn", xml).deploy());

    ProcessInstance instance = runtime.startProcessInstanceByKey(key, "CHG-MODEL-CHECK",
        Map.of("riskLevel", "HIGH", "targets", List.of("payments-api")));

    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId("EndEvent_High").count()).isEqualTo(1);
  }

  @Test
  void theEngineEvaluatesWithTheRestrictedManager() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getExpressionManager()).isInstanceOf(RestrictedExpressionManager.class);

    assertThat(evaluate(configuration, "${changeStatus}")).isInstanceOf(ChangeStatusListener.class);
    assertThatThrownBy(() -> evaluate(configuration, "${environment}")).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Cannot resolve identifier 'environment'");
    assertThatThrownBy(() -> evaluate(configuration, "${changeStatus.getClass()}"))
        .hasMessageContaining("may not call getClass()");
    // camunda-engine and feel-engine ship JSR-223 engines ("juel", "feel-scala"): the engine is given none
    for (String language : List.of("juel", "feel-scala", "groovy", "javascript")) {
      assertThat(configuration.getScriptEngineResolver().getScriptEngine(language, true)).as(language).isNull();
    }
  }

  @Test
  void theTasklistFiltersStillEvaluateTheirExpressions() {
    for (String user : List.of("ops-engineer", "requester", "cab-chair")) {
      Http http = Http.as(port, user);
      for (JsonNode filter : http.get("/engine-rest/filter?resourceType=Task").json()) {
        Http.Response list = http.post("/engine-rest/filter/" + filter.path("id").asText() + "/list", "{}");
        assertThat(list.status()).as(user + " " + filter.path("name").asText() + ": " + list).isEqualTo(200);
      }
    }
  }

  private static Object evaluate(ProcessEngineConfigurationImpl configuration, String expression) {
    return configuration.getCommandExecutorTxRequired().execute(context -> configuration.getExpressionManager()
        .createExpression(expression).getValue(StartProcessVariableScope.getSharedInstance()));
  }

  // helpers ------------------------------------------------------------------------------------------------------

  record Counts(long deployments, long processes, long decisions) {}

  Counts counts() {
    return new Counts(repository.createDeploymentQuery().count(), repository.createProcessDefinitionQuery().count(),
        repository.createDecisionDefinitionQuery().count());
  }

  Http.Response deploy(Map<String, String> files) {
    Multipart upload = multipart(files);
    Http http = Http.as(port, PROCESS_OWNER);
    return http.send(http.request("/engine-rest/deployment/create").header("Content-Type", upload.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(upload.body())));
  }

  record Multipart(String contentType, byte[] body) {}

  /** The upload Camunda Modeler sends: a deployment name and one part per file. */
  static Multipart multipart(Map<String, String> files) {
    String boundary = "changegate-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder()
        .append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\nmodel-check-probe\r\n");
    body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, String> file : files.entrySet()) {
      String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey()
          + "\"; filename=\"" + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
      body.writeBytes(part.getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file.getValue().getBytes(StandardCharsets.UTF_8));
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  private static Map<String, String> orderedFiles(String... namesAndContents) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < namesAndContents.length; i += 2) {
      files.put(namesAndContents[i], namesAndContents[i + 1]);
    }
    return files;
  }
}
