package io.changegate.refresh.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.refresh.process.RefreshProcess.REFRESH_VERIFIED;

import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import io.changegate.refresh.RefreshResult;
import io.changegate.refresh.RefreshService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Copy, anonymize and verify": runs the change's refresh (copy from production, anonymization,
 * verification query) and writes {@code refreshVerified}. Runs once per change: a job run again finds the stored
 * result.
 */
@CallsOut
@CallableFromModels
@Component("refreshEnvironment")
public class RefreshEnvironmentDelegate implements JavaDelegate {

  private final RefreshService refreshes;

  public RefreshEnvironmentDelegate(RefreshService refreshes) {
    this.refreshes = refreshes;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    RefreshResult result = refreshes.refresh(changeId);

    REFRESH_VERIFIED.set(execution, result.verified());
  }
}
