package io.changegate.engine.modelcheck;

import io.changegate.change.ChangeProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultEntriesImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultImpl;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.el.DateTimeFunctions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.MethodNotFoundException;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotFoundException;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The restricted expression manager at evaluation time: an expression that slipped past the deployment check
 * (a model deployed before it, or a hole in it) still reaches no Spring bean but the marked ones, no reflection,
 * no method or getter of an arbitrary object.
 */
class RestrictedExpressionManagerTest {

  /** A bean callable from models, in Changegate's package like the real ones. */
  public static class ProbeBean {
    public String secret = "s3cr3t";

    public String greet(String name) {
      return "hello " + name;
    }

    public String getSecret() {
      return secret;
    }
  }

  static final ProbeBean PROBE = new ProbeBean();
  static final CallableBeans BEANS = CallableBeans.of(Map.of("probe", ProbeBean.class));

  static RestrictedExpressionManager manager() {
    RestrictedExpressionManager manager = new RestrictedExpressionManager(BEANS, name -> PROBE);
    try {
      manager.addFunction("now", DateTimeFunctions.class.getMethod("now"));
      manager.addFunction("dateTime", DateTimeFunctions.class.getMethod("dateTime"));
      manager.addFunction("S", Spin.class.getMethod("S", Object.class));
      manager.addFunction("XML", Spin.class.getMethod("XML", Object.class));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    return manager;
  }

  static DmnDecisionResultImpl decisionResult(String output, String value) {
    DmnDecisionResultEntriesImpl entries = new DmnDecisionResultEntriesImpl();
    entries.putValue(output, Variables.stringValue(value));
    return new DmnDecisionResultImpl(List.of(entries));
  }

  @Nested
  class TheResolverAlone {

    final RestrictedExpressionManager manager = manager();
    final VariableMap variables = Variables.createVariables()
        .putValue(ChangeProcess.RISK_LEVEL.name(), "HIGH")
        .putValue("plan", Map.of("targets", List.of(Map.of("name", "payments-api"))))
        .putValue("json", "{\"steps\": [\"deploy\"], \"owner\": \"ops\"}")
        .putValue("decisionResult", decisionResult(ChangeProcess.CHANGE_TYPE.name(), "NORMAL"));

    Object eval(String expression) {
      return manager.createValueExpression(expression).getValue(manager.createElContext(variables.asVariableContext()));
    }

    @Test
    void resolvesVariablesMapsListsAndDecisionResults() {
      assertThat(eval("${riskLevel == 'HIGH' && !empty plan.targets}")).isEqualTo(true);
      assertThat(eval("${plan.targets[0].name}")).isEqualTo("payments-api");
      assertThat(eval("${decisionResult.getSingleResult().changeType}")).isEqualTo("NORMAL");
      assertThat(eval("${decisionResult.singleResult.changeType}")).isEqualTo("NORMAL");
      assertThat(eval("${decisionResult[0]['changeType']}")).isEqualTo("NORMAL");
    }

    @Test
    void callsTheMethodsOfMarkedBeansOnly() {
      assertThat(eval("${probe.greet(riskLevel)}")).isEqualTo("hello HIGH");

      assertThatThrownBy(() -> eval("${probe.getClass()}")).isInstanceOf(MethodNotFoundException.class)
          .hasMessageContaining("may not call getClass()");
      assertThatThrownBy(() -> eval("${probe.hashCode()}")).isInstanceOf(MethodNotFoundException.class);
      assertThatThrownBy(() -> eval("${probe.secret}")).isInstanceOf(PropertyNotFoundException.class)
          .hasMessageContaining("may not read 'secret'");
    }

    @Test
    void aVariableNeverStandsInForACallableBean() {
      variables.putValue("probe", "a string a user wrote");

      assertThat(eval("${probe}")).isSameAs(PROBE);
      assertThat(eval("${probe.greet('x')}")).isEqualTo("hello x");
    }

    @Test
    void resolvesNoOtherBeanAndNoReflection() {
      assertThatThrownBy(() -> eval("${environment.getProperty('changegate.security.admin.password')}"))
          .isInstanceOf(PropertyNotFoundException.class).hasMessageContaining("environment");
      assertThatThrownBy(() -> eval(
          "${''.getClass().forName('java.lang.Runtime').getMethod('exec', ''.getClass()).invoke(null, 'id')}"))
          .isInstanceOf(MethodNotFoundException.class).hasMessageContaining("may not call getClass() on java.lang.String");
      assertThatThrownBy(() -> eval("${riskLevel.class}")).isInstanceOf(PropertyNotFoundException.class)
          .hasMessageContaining("may not read 'class'");
      assertThatThrownBy(() -> eval("${riskLevel.bytes}")).isInstanceOf(PropertyNotFoundException.class);
      assertThatThrownBy(() -> eval("${riskLevel.concat('x')}")).isInstanceOf(MethodNotFoundException.class);
      assertThatThrownBy(() -> eval("${decisionResult.getClass()}")).isInstanceOf(MethodNotFoundException.class);
    }

    @Test
    void readsJsonButMapsItToNoClass() {
      assertThat(eval("${S(json).prop('owner').stringValue()}")).isEqualTo("ops");
      assertThat(eval("${S(json).prop('steps').elements()[0].stringValue()}")).isEqualTo("deploy");

      assertThatThrownBy(() -> eval("${S(json).mapTo('java.util.HashMap')}"))
          .isInstanceOf(MethodNotFoundException.class).hasMessageContaining("mapTo");
      assertThatThrownBy(() -> eval("${S(json).prop('owner', 'attacker')}"))
          .isInstanceOf(MethodNotFoundException.class);
    }

    @Test
    void offersOnlyTheListedFunctions() {
      assertThat(eval("${now()}")).isInstanceOf(Date.class);
      assertThat(eval("${dateTime().plusDays(1).toDate()}")).isInstanceOf(Date.class);

      assertThatThrownBy(() -> eval("${XML('<a/>')}")).isInstanceOf(ELException.class)
          .hasMessageContaining("XML");
      assertThatThrownBy(() -> eval("${dateTime().getChronology()}")).isInstanceOf(MethodNotFoundException.class);
    }
  }

  /**
   * A real engine with the restricted manager and without the deployment check: models it would refuse are
   * deployed, and fail when they run.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class InAnEngineWithoutTheDeploymentCheck {

    ProcessEngine engine;

    @BeforeAll
    void start() {
      StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
      configuration.setProcessEngineName("changegate-restricted-expressions");
      configuration.setJdbcUrl("jdbc:h2:mem:changegate-restricted-expressions;DB_CLOSE_DELAY=1000");
      configuration.setJobExecutorActivate(false);
      configuration.setJavaSerializationFormatEnabled(false);
      ModelCheckPlugin.restrictEvaluation(configuration, BEANS, name -> PROBE);
      configuration.getProcessEnginePlugins().add(new SpinProcessEnginePlugin());
      engine = configuration.buildProcessEngine();
    }

    @AfterAll
    void close() {
      engine.close();
    }

    void deploy(String name, String xml) {
      engine.getRepositoryService().createDeployment().addString(name, xml).deploy();
    }

    static String process(String key, String expression) {
      return ModelCheckerTest.bpmn("""
          <bpmn:startEvent id="Start"/>
          <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task"/>
          <bpmn:serviceTask id="Task" camunda:expression="%s" camunda:resultVariable="result"/>
          <bpmn:sequenceFlow id="F2" sourceRef="Task" targetRef="Wait"/>
          <bpmn:userTask id="Wait"/>
          """.formatted(expression)).replace("id=\"probe\"", "id=\"" + key + "\"");
    }

    @Test
    void runsAnAllowedExpression() {
      deploy("allowed.bpmn", process("allowed", "${probe.greet(execution.processBusinessKey)}"));

      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("allowed", "CHG-000001");

      assertThat(engine.getRuntimeService().getVariable(instance.getId(), "result")).isEqualTo("hello CHG-000001");
    }

    @Test
    void refusesTheCodeRunningExpressionWhenItRuns() {
      deploy("exec.bpmn", process("exec",
          "${''.getClass().forName('java.lang.Runtime').getMethod('exec', ''.getClass()).invoke(null, 'id')}"));

      assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("exec"))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("may not call getClass()");
    }

    @Test
    void refusesEngineServicesReachedThroughTheExecution() {
      deploy("services.bpmn", process("services", "${execution.processEngineServices.runtimeService}"));

      assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("services"))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("may not read 'processEngineServices'");
    }

    @Test
    void runsNoScriptNotEvenInTheJuelScriptEngineOfTheEngineJar() {
      // camunda-engine's own JSR-223 "juel" engine resolves with an unrestricted bean resolver
      deploy("script.bpmn", ModelCheckerTest.bpmn("""
          <bpmn:startEvent id="Start"/>
          <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Script"/>
          <bpmn:scriptTask id="Script" scriptFormat="juel"><bpmn:script>${''.getClass()}</bpmn:script></bpmn:scriptTask>
          <bpmn:sequenceFlow id="F2" sourceRef="Script" targetRef="Wait"/>
          <bpmn:userTask id="Wait"/>
          """).replace("id=\"probe\"", "id=\"script\""));

      assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("script"))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Can't find scripting engine for 'juel'");
    }

    @Test
    void runsNoDmnScriptEither() {
      String dmn = ModelCheckerTest.dmn("", "><text>level</text></inputExpression>",
          "><text>\"HIGH\"</text></inputEntry>", "expressionLanguage=\"feel-scala\"><text>\"cab\"</text></outputEntry>");
      deploy("script.dmn", dmn.replace("probe-decision", "script-decision"));

      assertThatThrownBy(() -> engine.getDecisionService().evaluateDecisionByKey("script-decision")
          .variables(Variables.putValue("level", "HIGH")).evaluate())
          .hasStackTraceContaining("Can't find scripting engine for 'feel-scala'");
    }

    @Test
    void evaluatesDmnJuelWithTheSameRestrictions() {
      String dmn = ModelCheckerTest.dmn("", "><text>level</text></inputExpression>",
          "><text>\"HIGH\"</text></inputEntry>",
          "expressionLanguage=\"juel\"><text>${probe.greet(level)} ${level.getClass()}</text></outputEntry>");
      deploy("probe.dmn", dmn);

      assertThatThrownBy(() -> engine.getDecisionService().evaluateDecisionByKey("probe-decision")
          .variables(Variables.putValue("level", "HIGH")).evaluate())
          .hasStackTraceContaining("may not call getClass() on java.lang.String");
    }

    @Test
    void feelCallsNoJavaEither() {
      // Camunda 7.24 builds its feel-scala engine with external functions disabled
      String dmn = ModelCheckerTest.dmn("", "><text>level</text></inputExpression>",
          "><text>\"HIGH\"</text></inputEntry>",
          "><text>{f: function(k) external {java: {class: \"java.lang.System\", method signature: "
              + "\"getProperty(java.lang.String)\"}}, home: f(\"user.home\")}.home</text></outputEntry>");
      deploy("feel.dmn", dmn.replace("probe-decision", "feel-decision"));

      assertThatThrownBy(() -> engine.getDecisionService().evaluateDecisionByKey("feel-decision")
          .variables(Variables.putValue("level", "HIGH")).evaluate())
          .hasStackTraceContaining("External functions are disabled");
    }
  }
}
