package io.changegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.support.ChangegateIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.event.PublishDelegateParseListener;
import org.camunda.bpm.spring.boot.starter.event.PublishHistoryEventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine publishes none of its execution, task or history events as Spring events (camunda.bpm.eventing in
 * application.yaml): nothing in Changegate listens to them, and the starter's listener on every element cost 3 % of
 * a standard change's CPU.
 */
@ChangegateIntegrationTest
class EngineEventingTest {

  @Autowired ProcessEngine engine;

  @Test
  void theEngineDoesNotPublishItsEventsAsSpringEvents() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    List<Object> parseListeners = new ArrayList<>();
    if (configuration.getCustomPreBPMNParseListeners() != null) {
      parseListeners.addAll(configuration.getCustomPreBPMNParseListeners());
    }
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      parseListeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    assertThat(parseListeners).isNotEmpty().noneMatch(PublishDelegateParseListener.class::isInstance);
    assertThat(configuration.getCustomHistoryEventHandlers()).isNotEmpty()
        .noneMatch(PublishHistoryEventHandler.class::isInstance);
  }
}
