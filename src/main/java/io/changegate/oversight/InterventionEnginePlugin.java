package io.changegate.oversight;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Puts the {@link InterventionObserver} into the engine: its history event handler next to the engine's own (which
 * stays), its interceptor at the end of both command chains, inside the engine's transaction.
 */
@Component
public class InterventionEnginePlugin extends AbstractProcessEnginePlugin {

  private final InterventionService service;

  public InterventionEnginePlugin(InterventionService service) {
    this.service = service;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    InterventionObserver observer = new InterventionObserver(service);
    configuration.getCustomHistoryEventHandlers().add(observer);
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(observer.newInterceptor());
    if (configuration.getCustomPostCommandInterceptorsTxRequiresNew() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequiresNew(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequiresNew().add(observer.newInterceptor());
  }
}
