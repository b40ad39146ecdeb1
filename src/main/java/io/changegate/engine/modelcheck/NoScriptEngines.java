package io.changegate.engine.modelcheck;

import java.util.List;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;

/**
 * The engine's script engines: none. The engine jars themselves bring JSR-223 engines that no dependency choice
 * removes — camunda-engine's "juel" (JUEL with the unrestricted bean resolver and a {@code lang:import}
 * function) and feel-scala's "feel-scala" and "feel-scala-unary-tests" — so a script task, script condition,
 * script mapping or DMN expression in such a language would run although no Groovy or JavaScript is on the
 * classpath. With this resolver every script fails with "Can't find scripting engine"; the model check refuses
 * scripts before that.
 */
final class NoScriptEngines implements ScriptEngineResolver {

  private final ScriptEngineManager none = new ScriptEngineManager(new ClassLoader(null) { }) {
    @Override
    public ScriptEngine getEngineByName(String shortName) {
      return null;
    }

    @Override
    public ScriptEngine getEngineByExtension(String extension) {
      return null;
    }

    @Override
    public ScriptEngine getEngineByMimeType(String mimeType) {
      return null;
    }

    @Override
    public List<ScriptEngineFactory> getEngineFactories() {
      return List.of();
    }
  };

  @Override
  public void addScriptEngineFactory(ScriptEngineFactory scriptEngineFactory) {
    // refused: no script engine joins the engine
  }

  @Override
  public ScriptEngineManager getScriptEngineManager() {
    return none;
  }

  @Override
  public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
    return null;
  }
}
