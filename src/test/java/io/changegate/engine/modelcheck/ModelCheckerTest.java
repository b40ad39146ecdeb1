package io.changegate.engine.modelcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model check on each place of a BPMN or DMN where the engine evaluates something, and on the XML around
 * it: each refused model names the element (id, and name where it has one) and the reason; the allowed forms
 * pass. The product's own models are checked in {@code ProcessModelConformanceTest}.
 */
class ModelCheckerTest {

  static final ModelChecker CHECKER = new ModelChecker(CallableBeans.scan());

  static final String EXEC =
      "${''.getClass().forName('java.lang.Runtime').getMethod('exec', ''.getClass()).invoke(null, 'id')}";
  static final String PASSWORD = "${environment.getProperty('changegate.security.admin.password')}";

  /** A process with {@code body} inside, and {@code definitionsExtra} on the definitions element. */
  static String bpmn(String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            id="Definitions_Probe" targetNamespace="https://changegate.io/test">
          <bpmn:process id="probe" name="Probe" isExecutable="true" camunda:historyTimeToLive="P1D">
        %s
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(body);
  }

  static String dmn(String definitionsAttributes, String inputExpression, String inputEntry, String outputEntry) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
            xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_Probe" name="Probe"
            namespace="https://changegate.io/test" %s>
          <decision id="probe-decision" name="Probe decision" camunda:historyTimeToLive="P1D">
            <decisionTable id="DecisionTable_Probe">
              <input id="Input_Level" label="Level">
                <inputExpression id="InputExpression_Level" typeRef="string" %s
              </input>
              <output id="Output_Group" label="Group" name="group" typeRef="string"/>
              <rule id="Rule_One">
                <inputEntry id="InputEntry_One" %s
                <outputEntry id="OutputEntry_One" %s
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(definitionsAttributes, inputExpression, inputEntry, outputEntry);
  }

  static List<ModelProblem> check(String resource, String content) {
    return CHECKER.check(resource, content.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> refusedBpmn() {
    return Stream.of(
        Arguments.of("service task expression", bpmn("""
            <bpmn:serviceTask id="Task_Exec" name="Run it" camunda:expression="%s"/>""".formatted(EXEC)),
            "Task_Exec", "Run it", "getClass()"),
        Arguments.of("timer cycle", bpmn("""
            <bpmn:startEvent id="StartEvent_Timer" name="Every second">
              <bpmn:timerEventDefinition id="Timer_Probe"><bpmn:timeCycle>%s</bpmn:timeCycle></bpmn:timerEventDefinition>
            </bpmn:startEvent>""".formatted(EXEC)), "Timer_Probe", null, "forName()"),
        Arguments.of("timer date", bpmn("""
            <bpmn:intermediateCatchEvent id="Event_Wait" name="Wait">
              <bpmn:timerEventDefinition><bpmn:timeDate>%s</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>""".formatted(PASSWORD)), "Event_Wait", "Wait", "'environment'"),
        Arguments.of("execution listener expression", bpmn("""
            <bpmn:startEvent id="StartEvent_Probe" name="Start">
              <bpmn:extensionElements>
                <camunda:executionListener event="start" expression="%s"/>
              </bpmn:extensionElements>
            </bpmn:startEvent>""".formatted(PASSWORD)), "StartEvent_Probe", "Start", "getProperty()"),
        Arguments.of("task listener delegate expression naming a Spring bean", bpmn("""
            <bpmn:userTask id="Task_Review" name="Review" camunda:candidateGroups="cab" camunda:formRef="sign-off"
                camunda:formRefBinding="latest">
              <bpmn:extensionElements>
                <camunda:taskListener event="create" delegateExpression="${processEngine}"/>
              </bpmn:extensionElements>
            </bpmn:userTask>"""), "Task_Review", "Review", "must name a bean callable from models"),
        Arguments.of("delegate expression calling a method", bpmn("""
            <bpmn:serviceTask id="Task_Delegate" name="Delegate" camunda:delegateExpression="${loadTarget.getClass()}"/>
            """), "Task_Delegate", "Delegate", "must name a bean callable from models"),
        Arguments.of("condition", bpmn("""
            <bpmn:sequenceFlow id="SequenceFlow_Probe" name="if so" sourceRef="a" targetRef="b">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${environment.getProperty('x') == 'y'}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>"""), "SequenceFlow_Probe", "if so", "'environment'"),
        Arguments.of("script condition", bpmn("""
            <bpmn:sequenceFlow id="SequenceFlow_Script" sourceRef="a" targetRef="b">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">true</bpmn:conditionExpression>
            </bpmn:sequenceFlow>"""), "SequenceFlow_Script", null, "script"),
        Arguments.of("input mapping", bpmn("""
            <bpmn:serviceTask id="Task_Map" name="Map" camunda:expression="${changeStatus.set(execution, 'APPROVED')}">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="secret">%s</camunda:inputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:serviceTask>""".formatted(PASSWORD)), "Task_Map", "Map", "camunda:inputParameter name=\"secret\""),
        Arguments.of("output mapping in a list", bpmn("""
            <bpmn:serviceTask id="Task_List" name="List" camunda:delegateExpression="${loadTarget}">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:outputParameter name="values"><camunda:list><camunda:value>${x.getClass()}</camunda:value></camunda:list></camunda:outputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:serviceTask>"""), "Task_List", "List", "getClass()"),
        Arguments.of("script mapping", bpmn("""
            <bpmn:serviceTask id="Task_ScriptMap" name="Script map" camunda:delegateExpression="${loadTarget}">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="x"><camunda:script scriptFormat="groovy">'id'.execute()</camunda:script></camunda:inputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:serviceTask>"""), "Task_ScriptMap", "Script map", "is a script"),
        Arguments.of("script listener", bpmn("""
            <bpmn:endEvent id="EndEvent_Probe" name="Done"><bpmn:extensionElements>
              <camunda:executionListener event="end"><camunda:script scriptFormat="javascript" resource="deployment://x.js"/></camunda:executionListener>
            </bpmn:extensionElements></bpmn:endEvent>"""), "EndEvent_Probe", "Done", "is a script"),
        Arguments.of("script task", bpmn("""
            <bpmn:scriptTask id="Task_Script" name="Script" scriptFormat="groovy"><bpmn:script>'id'.execute()</bpmn:script></bpmn:scriptTask>
            """), "Task_Script", "Script", "script task"),
        Arguments.of("external script resource", bpmn("""
            <bpmn:scriptTask id="Task_Resource" name="Resource" scriptFormat="javascript" camunda:resource="https://evil.example/x.js"/>
            """), "Task_Resource", "Resource", "external script resource"),
        Arguments.of("class outside Changegate", bpmn("""
            <bpmn:serviceTask id="Task_Class" name="Class" camunda:class="java.lang.ProcessBuilder"/>"""),
            "Task_Class", "Class", "names a Java class for the engine to instantiate"),
        Arguments.of("class inside Changegate", bpmn("""
            <bpmn:serviceTask id="Task_Own" name="Own" camunda:class="io.changegate.deployment.process.DeployTargetDelegate"/>"""),
            "Task_Own", "Own", "names a Java class for the engine to instantiate"),
        Arguments.of("listener class outside Changegate", bpmn("""
            <bpmn:startEvent id="StartEvent_Class"><bpmn:extensionElements>
              <camunda:executionListener event="start" class="org.springframework.expression.spel.Evil"/>
            </bpmn:extensionElements></bpmn:startEvent>"""), "StartEvent_Class", null, "names a Java class for the engine to instantiate"),
        Arguments.of("call activity in/out and business key", bpmn("""
            <bpmn:callActivity id="Activity_Call" name="Call" calledElement="sign-off">
              <bpmn:extensionElements>
                <camunda:in sourceExpression="${execution.processEngineServices}" target="x"/>
                <camunda:in businessKey="#{execution.processBusinessKey}"/>
              </bpmn:extensionElements>
            </bpmn:callActivity>"""), "Activity_Call", "Call", "processEngineServices"),
        Arguments.of("called element expression", bpmn("""
            <bpmn:callActivity id="Activity_Dynamic" name="Dynamic" calledElement="${environment.getProperty('k')}"/>
            """), "Activity_Dynamic", "Dynamic", "'environment'"),
        Arguments.of("variable mapping class", bpmn("""
            <bpmn:callActivity id="Activity_Mapping" name="Mapping" calledElement="sign-off"
                camunda:variableMappingClass="com.evil.Mapping"/>"""), "Activity_Mapping", "Mapping", "names a Java class"),
        Arguments.of("variable mapping delegate expression", bpmn("""
            <bpmn:callActivity id="Activity_MappingBean" name="Mapping bean" calledElement="sign-off"
                camunda:variableMappingDelegateExpression="${dataSource}"/>"""), "Activity_MappingBean", null,
            "must name a bean callable from models"),
        Arguments.of("multi-instance collection and completion", bpmn("""
            <bpmn:userTask id="Task_Multi" name="Multi" camunda:candidateGroups="cab" camunda:formRef="sign-off" camunda:formRefBinding="latest">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="${signOffGroups}" camunda:elementVariable="g">
                <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${nrOfCompletedInstances.getClass() != null}</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>"""), "Task_Multi", "Multi", "getClass()"),
        Arguments.of("candidate users and due date", bpmn("""
            <bpmn:userTask id="Task_Due" name="Due" camunda:candidateUsers="${identityService.createUserQuery()}"
                camunda:formRef="sign-off" camunda:formRefBinding="latest"/>"""), "Task_Due", "Due", "'identityService'"),
        Arguments.of("form ref expression", bpmn("""
            <bpmn:userTask id="Task_Form" name="Form" camunda:candidateGroups="cab" camunda:formRef="${S(x).mapTo('java.lang.Runtime')}"/>
            """), "Task_Form", "Form", "mapTo()"),
        Arguments.of("embedded HTML form", bpmn("""
            <bpmn:userTask id="Task_Html" name="Html" camunda:candidateGroups="cab" camunda:formKey="embedded:deployment:evil.html"/>
            """), "Task_Html", "Html", "camunda:formRef"),
        Arguments.of("generated form", bpmn("""
            <bpmn:startEvent id="StartEvent_Form" name="Start"><bpmn:extensionElements>
              <camunda:formData><camunda:formField id="f" type="string" defaultValue="${x}"/></camunda:formData>
            </bpmn:extensionElements></bpmn:startEvent>"""), "StartEvent_Form", "Start", "generated form"),
        Arguments.of("message name", bpmn("""
            <bpmn:intermediateThrowEvent id="Event_Message" name="Tell">
              <bpmn:messageEventDefinition messageRef="Message_Probe" camunda:expression="${runtimeService.correlateMessage('x')}"/>
            </bpmn:intermediateThrowEvent>"""), "Event_Message", "Tell", "'runtimeService'"),
        Arguments.of("field injection", bpmn("""
            <bpmn:serviceTask id="Task_Field" name="Field" camunda:delegateExpression="${loadTarget}">
              <bpmn:extensionElements><camunda:field name="f"><camunda:expression>${x.class.classLoader}</camunda:expression></camunda:field></bpmn:extensionElements>
            </bpmn:serviceTask>"""), "Task_Field", "Field", "'classLoader'"),
        Arguments.of("external task", bpmn("""
            <bpmn:serviceTask id="Task_External" name="External" camunda:type="external" camunda:topic="deploy"/>"""),
            "Task_External", "External", "external task"),
        Arguments.of("connector", bpmn("""
            <bpmn:serviceTask id="Task_Connector" name="Connector"><bpmn:extensionElements>
              <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>
            </bpmn:extensionElements></bpmn:serviceTask>"""), "Task_Connector", "Connector", "connector"),
        Arguments.of("Activiti namespace", bpmn("""
            <bpmn:serviceTask id="Task_Activiti" name="Activiti" xmlns:activiti="http://activiti.org/bpmn" activiti:class="java.lang.Runtime"/>
            """), "Task_Activiti", "Activiti", "Activiti namespace"),
        Arguments.of("XHTML script element", bpmn("""
            <bpmn:task id="Task_Xhtml" name="Xhtml"><bpmn:extensionElements>
              <script xmlns="http://www.w3.org/1999/xhtml">alert(document.cookie)</script>
            </bpmn:extensionElements></bpmn:task>"""), "Task_Xhtml", "Xhtml", "namespace 'http://www.w3.org/1999/xhtml'"),
        Arguments.of("bean read, not called", bpmn("""
            <bpmn:serviceTask id="Task_Read" name="Read" camunda:expression="${changeStatus.changes}"/>"""),
            "Task_Read", "Read", "beans are called, not read"),
        Arguments.of("Object method of a callable bean", bpmn("""
            <bpmn:serviceTask id="Task_Object" name="Object" camunda:expression="${changeStatus.getClass()}"/>"""),
            "Task_Object", "Object", "not a method of the bean 'changeStatus'"),
        Arguments.of("class through brackets", bpmn("""
            <bpmn:serviceTask id="Task_Bracket" name="Bracket" camunda:expression="${x['class']}"/>"""),
            "Task_Bracket", "Bracket", "'class'"),
        Arguments.of("unknown function", bpmn("""
            <bpmn:serviceTask id="Task_Function" name="Function" camunda:expression="${XML(x)}"/>"""),
            "Task_Function", "Function", "function XML()"),
        Arguments.of("documentation is read too", bpmn("""
            <bpmn:task id="Task_Doc" name="Doc"><bpmn:documentation>${''.getClass()}</bpmn:documentation></bpmn:task>
            """), "Task_Doc", "Doc", "getClass()"),
        Arguments.of("invalid expression", bpmn("""
            <bpmn:serviceTask id="Task_Invalid" name="Invalid" camunda:expression="${a.}"/>"""),
            "Task_Invalid", "Invalid", "not a valid expression"),
        Arguments.of("engine object in parentheses", bpmn("""
            <bpmn:serviceTask id="Task_Nested" name="Nested" camunda:expression="${((execution)).processInstance}"/>"""),
            "Task_Nested", "Nested", "a model may read only"),
        Arguments.of("task property outside the list", bpmn("""
            <bpmn:userTask id="Task_Props" name="Props" camunda:candidateGroups="cab" camunda:formRef="sign-off" camunda:formRefBinding="latest">
              <bpmn:extensionElements><camunda:taskListener event="create" expression="${task.execution}"/></bpmn:extensionElements>
            </bpmn:userTask>"""), "Task_Props", "Props", "a model may read only"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedBpmn")
  void refusesCodeInEveryPlaceOfABpmn(String place, String xml, String elementId, String elementName,
      String reason) {
    List<ModelProblem> problems = check("probe.bpmn", xml);

    assertThat(problems).as(place).isNotEmpty();
    assertThat(problems).as(place).anySatisfy(problem -> {
      assertThat(problem.getMainElementId()).isEqualTo(elementId);
      if (elementName != null) {
        assertThat(problem.elementName()).isEqualTo(elementName);
        assertThat(problem.getMessage()).contains("'" + elementId + "' (\"" + elementName + "\")");
      }
      assertThat(problem.getMessage()).contains(reason);
      assertThat(problem.getLine()).isPositive();
    });
  }

  @Test
  void allowsBeanCallsVariableReadsAndTheListedEngineReads() {
    String xml = bpmn("""
        <bpmn:serviceTask id="Task_Allowed" name="Allowed" camunda:expression="${changeStatus.set(execution, 'APPROVED')}">
          <bpmn:extensionElements>
            <camunda:inputOutput>
              <camunda:inputParameter name="a">${decisionResult.getSingleResult().changeType}</camunda:inputParameter>
              <camunda:inputParameter name="b">${empty comment ? 'none' : targets[0].name}</camunda:inputParameter>
              <camunda:inputParameter name="c">${(rpn * 2 + 1) / 3 &gt;= 10 &amp;&amp; !dryRun || riskLevel eq 'HIGH'}</camunda:inputParameter>
              <camunda:inputParameter name="d">${execution.processBusinessKey} and ${task.assignee}</camunda:inputParameter>
              <camunda:inputParameter name="d2">#{execution.processInstanceId}</camunda:inputParameter>
              <camunda:inputParameter name="e">${S(runbook).prop('steps').elements()[0].stringValue()}</camunda:inputParameter>
              <camunda:inputParameter name="f">${dateTime().plusDays(2).toDate()} ${now()} ${currentUser()}</camunda:inputParameter>
              <camunda:inputParameter name="g">${reviewContext.rework(task, 'Sign-off', signOffAskedBy, signOffComment)}</camunda:inputParameter>
              <camunda:inputParameter name="h">plain text with no expression</camunda:inputParameter>
            </camunda:inputOutput>
            <camunda:executionListener event="start" delegateExpression="${loadTarget}"/>
            <camunda:executionListener event="end" delegateExpression="${loadTarget}"/>
          </bpmn:extensionElements>
        </bpmn:serviceTask>
        <bpmn:userTask id="Task_Sign" name="Sign" camunda:candidateGroups="${signOffGroup}" camunda:assignee="${requester}"
            camunda:dueDate="${signOffDeadlines.due()}" camunda:formRef="sign-off" camunda:formRefBinding="latest"/>""");

    assertThat(check("allowed.bpmn", xml)).isEmpty();
  }

  @Test
  void refusesADoctypeAndItsEntities() {
    String xml = """
        <?xml version="1.0"?>
        <!DOCTYPE definitions [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">&secret;</bpmn:definitions>
        """;

    assertThat(check("doctype.bpmn", xml)).singleElement().satisfies(problem -> {
      assertThat(problem.getMessage()).contains("declares a DOCTYPE");
      assertThat(problem.getLine()).isEqualTo(2);
    });
  }

  @Test
  void refusesAStylesheetProcessingInstruction() {
    String xml = bpmn("").replace("<bpmn:definitions",
        "<?xml-stylesheet type=\"text/xsl\" href=\"https://evil.example/x.xsl\"?>\n<bpmn:definitions");

    assertThat(check("pi.bpmn", xml)).singleElement()
        .satisfies(problem -> assertThat(problem.getMessage()).contains("processing instruction <?xml-stylesheet?>"));
  }

  @Test
  void refusesXmlThatIsNotWellFormed() {
    assertThat(check("broken.bpmn", "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">"))
        .singleElement().satisfies(problem -> assertThat(problem.getMessage()).contains("not well-formed XML"));
  }

  @Test
  void refusesEveryOtherKindOfResource() {
    for (String name : List.of("evil.html", "x.js", "case.cmmn", "diagram.svg", "script.groovy")) {
      assertThat(check(name, "<html><script>alert(1)</script></html>")).as(name).singleElement()
          .satisfies(problem -> assertThat(problem.getMessage()).contains("nothing else may be deployed"));
    }
  }

  // DMN ----------------------------------------------------------------------------------------------------------

  @Test
  void refusesAJuelOutputCallingABeanThatIsNotMarked() {
    // the DMN engine evaluates a JUEL text as an expression even without ${...}
    String xml = dmn("", "><text>level</text></inputExpression>", "><text>\"HIGH\"</text></inputEntry>",
        "expressionLanguage=\"juel\"><text>environment.getProperty('changegate.security.admin.password')</text></outputEntry>");

    assertThat(check("probe.dmn", xml)).singleElement().satisfies(problem -> {
      assertThat(problem.getMainElementId()).isEqualTo("OutputEntry_One");
      assertThat(problem.getMessage()).contains("calls getProperty() on 'environment'");
    });
  }

  @Test
  void refusesJuelInputExpressionsAndEntries() {
    String xml = dmn("", "expressionLanguage=\"juel\"><text>${''.getClass()}</text></inputExpression>",
        "expressionLanguage=\"JUEL\"><text>cellInput.getClass() != null</text></inputEntry>", "><text>\"cab\"</text></outputEntry>");

    assertThat(check("probe.dmn", xml)).extracting(ModelProblem::getMainElementId)
        .containsExactly("InputExpression_Level", "InputEntry_One");
  }

  @Test
  void readsEveryTextAsJuelWhenTheDefinitionsSaySo() {
    String allowed = dmn("expressionLanguage=\"juel\"", "><text>level</text></inputExpression>",
        "><text>cellInput == 'HIGH'</text></inputEntry>", "><text>signOffDeadlines.due()</text></outputEntry>");
    String refused = dmn("expressionLanguage=\"juel\"", "><text>level</text></inputExpression>",
        "><text>cellInput == 'HIGH'</text></inputEntry>", "><text>runtime.exec('id')</text></outputEntry>");

    assertThat(check("allowed.dmn", allowed)).isEmpty();
    assertThat(check("refused.dmn", refused)).singleElement()
        .satisfies(problem -> assertThat(problem.getMainElementId()).isEqualTo("OutputEntry_One"));
  }

  @Test
  void refusesScriptLanguagesInDmn() {
    String perExpression = dmn("", "expressionLanguage=\"javascript\"><text>java.lang.Runtime.getRuntime()</text></inputExpression>",
        "><text>\"HIGH\"</text></inputEntry>", "><text>\"cab\"</text></outputEntry>");
    String global = dmn("expressionLanguage=\"groovy\"", "><text>level</text></inputExpression>",
        "><text>\"HIGH\"</text></inputEntry>", "><text>\"cab\"</text></outputEntry>");

    assertThat(check("script.dmn", perExpression)).singleElement().satisfies(problem -> {
      assertThat(problem.getMainElementId()).isEqualTo("InputExpression_Level");
      assertThat(problem.getMessage()).contains("is not FEEL or JUEL");
    });
    assertThat(check("global.dmn", global)).singleElement().satisfies(problem -> {
      assertThat(problem.getMainElementId()).isEqualTo("Definitions_Probe");
      assertThat(problem.getMessage()).contains("expressionLanguage=\"groovy\"");
    });
  }

  @Test
  void refusesFeelExternalFunctionsButNotTheWordInAString() {
    String external = dmn("", "><text>level</text></inputExpression>", "><text>\"HIGH\"</text></inputEntry>",
        "><text>{f: function(k) external {java: {class: \"java.lang.System\", method signature: \"getProperty(java.lang.String)\"}}, home: f(\"user.home\")}.home</text></outputEntry>");
    String inAString = dmn("", "><text>level</text></inputExpression>", "><text>\"external\"</text></inputEntry>",
        "><text>\"an external auditor\" // external</text></outputEntry>");

    assertThat(check("external.dmn", external)).singleElement().satisfies(problem -> {
      assertThat(problem.getMainElementId()).isEqualTo("OutputEntry_One");
      assertThat(problem.getMessage()).contains("FEEL 'external' function");
    });
    assertThat(check("string.dmn", inAString)).isEmpty();
  }

  @Test
  void allowsPlainFeelTables() {
    String xml = dmn("", "><text>level</text></inputExpression>", "><text>\"HIGH\",\"MEDIUM\"</text></inputEntry>",
        "><text>if level = \"HIGH\" then \"cab\" else \"operations\"</text></outputEntry>");

    assertThat(check("feel.dmn", xml)).isEmpty();
  }

  // Forms --------------------------------------------------------------------------------------------------------

  @Test
  void refusesFormsThatAreNotFormJsSchemas() {
    assertThat(check("broken.form", "{\"id\": ")).singleElement()
        .satisfies(p -> assertThat(p.getMessage()).contains("is not valid JSON"));
    assertThat(check("array.form", "[]")).singleElement()
        .satisfies(p -> assertThat(p.getMessage()).contains("not a form-js schema"));
    assertThat(check("noid.form", "{\"type\": \"default\", \"components\": []}")).singleElement()
        .satisfies(p -> assertThat(p.getMessage()).contains("has no \"id\""));
    assertThat(check("dup.form", "{\"id\": \"a\", \"id\": \"b\", \"type\": \"default\", \"components\": []}"))
        .singleElement().satisfies(p -> assertThat(p.getMessage()).contains("Duplicate field 'id'"));
  }

  @Test
  void refusesIframesAndUnknownComponentsAlsoInsideGroups() {
    String form = """
        {"id": "probe", "type": "default", "components": [
          {"type": "textfield", "id": "Field_Comment", "key": "comment", "label": "Comment"},
          {"type": "group", "id": "Group_Outer", "label": "Outer", "components": [
            {"type": "iframe", "id": "Field_Frame", "label": "Frame", "url": "/camunda/api/engine/engine/default/deployment/1/resources/2/data"},
            {"type": "script", "id": "Field_Script", "label": "Script"}
          ]}
        ]}""";

    List<ModelProblem> problems = check("probe.form", form);

    assertThat(problems).extracting(ModelProblem::getMainElementId).containsExactly("Field_Frame", "Field_Script");
    assertThat(problems.get(0).getMessage()).contains("iframe 'Field_Frame' (\"Frame\")", "iframe components are not allowed");
    assertThat(problems.get(1).getMessage()).contains("is not a form-js component type");
  }
}
