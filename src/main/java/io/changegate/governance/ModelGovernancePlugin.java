package io.changegate.governance;

import io.changegate.governance.process.ModelVersionRecorder;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.stereotype.Component;

/**
 * Wires governed process models into the engine: the proposal pre-deployer and the model-change post-deployer
 * (every route a model arrives by goes through the engine's deployers), the recorder of the versions each change
 * ran through (a history event handler). (What a deployer may do with their own deployment: READ, not DELETE, is
 * security.ChangegateAuthorizationProvider's.)
 */
@Component
public class ModelGovernancePlugin extends AbstractProcessEnginePlugin {

  private final ProposalDeployer proposals;
  private final ModelChangeStarter starter;
  private final ModelVersionRecorder recorder;

  public ModelGovernancePlugin(ProposalDeployer proposals, ModelChangeStarter starter, ModelVersionRecorder recorder) {
    this.proposals = proposals;
    this.starter = starter;
    this.recorder = recorder;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreDeployers(append(configuration.getCustomPreDeployers(), proposals));
    configuration.setCustomPostDeployers(append(configuration.getCustomPostDeployers(), starter));
    configuration.getCustomHistoryEventHandlers().add(new HistoryEventHandler() {
      @Override
      public void handleEvent(HistoryEvent event) {
        recorder.handle(event);
      }

      @Override
      public void handleEvents(List<HistoryEvent> events) {
        events.forEach(recorder::handle);
      }
    });
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!HistoryLevel.HISTORY_LEVEL_FULL.equals(configuration.getHistoryLevel())) {
      throw new IllegalStateException("Changegate records which decision versions each change used from the "
          + "engine's history: camunda.bpm.history-level must be full, not " + configuration.getHistoryLevel());
    }
  }

  private static List<Deployer> append(List<Deployer> deployers, Deployer deployer) {
    List<Deployer> all = deployers == null ? new ArrayList<>() : new ArrayList<>(deployers);
    all.add(deployer);
    return all;
  }
}
