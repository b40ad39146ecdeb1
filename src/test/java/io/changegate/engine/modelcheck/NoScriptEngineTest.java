package io.changegate.engine.modelcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.junit.jupiter.api.Test;

/**
 * Script engines stay off the classpath: a dependency that brings one (Nashorn, GraalJS, Groovy, Jython, JRuby,
 * Kotlin...) fails this test. The only JSR-223 engines allowed are the three inside the engine's own jars, which
 * no dependency choice removes; the engine is given none of them ({@link NoScriptEngines}, tested with a real
 * engine in {@link RestrictedExpressionManagerTest}), and the model check refuses scripts before.
 */
class NoScriptEngineTest {

  /** Factory class → the jar that ships it. */
  static final Map<String, String> INSIDE_THE_ENGINE_JARS = Map.of(
      "org.camunda.bpm.engine.impl.scripting.engine.JuelScriptEngineFactory", "camunda-engine",
      "org.camunda.feel.impl.script.FeelScriptEngineFactory", "feel-engine",
      "org.camunda.feel.impl.script.FeelUnaryTestsScriptEngineFactory", "feel-engine");

  @Test
  void noScriptEngineIsOnTheClasspathBeyondTheThreeInsideTheEngineJars() {
    List<String> factories = new ScriptEngineManager().getEngineFactories().stream()
        .map(f -> f.getClass().getName()).toList();

    assertThat(factories).allMatch(INSIDE_THE_ENGINE_JARS::containsKey,
        "ships inside camunda-engine or feel-engine (anything else is a script engine on the classpath)");
  }

  @Test
  void noGeneralPurposeLanguageResolves() {
    ScriptEngineManager manager = new ScriptEngineManager();
    for (String name : List.of("javascript", "js", "nashorn", "graal.js", "ecmascript", "groovy", "python", "jython",
        "ruby", "jruby", "kotlin", "kts", "freemarker", "velocity", "mvel", "beanshell", "bsh")) {
      assertThat(manager.getEngineByName(name)).as(name).isNull();
    }
  }

  @Test
  void theEngineIsGivenNoScriptEngineAtAll() {
    NoScriptEngines engines = new NoScriptEngines();

    for (String language : List.of("juel", "feel-scala", "feel-scala-unary-tests", "groovy", "javascript")) {
      assertThat(engines.getScriptEngine(language, true)).as(language).isNull();
    }
    assertThat(engines.getScriptEngineManager().getEngineFactories()).isEmpty();
    assertThat(engines.getScriptEngineManager().getEngineByName("juel")).isNull();
    List<ScriptEngineFactory> all = new ScriptEngineManager().getEngineFactories();
    all.forEach(engines::addScriptEngineFactory);
    assertThat(engines.getScriptEngine("juel", false)).isNull();
  }
}
