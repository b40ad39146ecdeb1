package io.changegate.engine.feel;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The process engine's decision tables evaluate FEEL with {@link ParsedOnceFeel}. Camunda would create its own FEEL
 * engine when the DMN engine starts; a FEEL engine factory set before that is used instead, with the custom function
 * providers the engine configuration sets. The legacy (JUEL-based) FEEL of older Camunda versions, when switched on,
 * is left as it is.
 */
@Component
public class ParsedOnceFeelPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.isDmnFeelEnableLegacyBehavior()) {
      return;
    }
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    // read when the DMN engine starts, after the engine configuration has set the custom function providers
    dmn.setFeelEngineFactory(() -> new ParsedOnceFeel(dmn.getFeelCustomFunctionProviders()));
    configuration.setDmnEngineConfiguration(dmn);
  }
}
