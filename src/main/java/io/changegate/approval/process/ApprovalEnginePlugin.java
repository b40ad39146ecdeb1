package io.changegate.approval.process;

import io.changegate.approval.TaskRecords;
import io.changegate.security.ServiceAccountOwners;
import java.time.Clock;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Puts the approval rules into the engine itself, so that every route — Tasklist, Cockpit, {@code /engine-rest} —
 * passes them: the {@link TaskCommandGuard} in front of every command a person starts, and the
 * {@link TaskRecordingParseListener} on every user task of every model.
 */
@Component
public class ApprovalEnginePlugin extends AbstractProcessEnginePlugin {

  private final TaskRecords records;
  private final Clock clock;
  private final ServiceAccountOwners owners;

  public ApprovalEnginePlugin(TaskRecords records, ServiceAccountOwners owners, Clock clock) {
    this.owners = owners;
    this.records = records;
    this.clock = clock;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new TaskCommandGuard(configuration, records));
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new TaskRecordingParseListener(records, owners, clock));
  }
}
