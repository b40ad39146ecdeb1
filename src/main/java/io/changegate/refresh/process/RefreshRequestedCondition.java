package io.changegate.refresh.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.engine.CallableFromModels;
import io.changegate.refresh.RefreshService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Gateway "Environment refresh?" of {@code standard-change}: {@code ${environmentRefresh.requested(execution)}}.
 * Reads the change's template from Changegate's own table, never from a variable someone could write.
 */
@CallableFromModels
@Component("environmentRefresh")
public class RefreshRequestedCondition {

  private final RefreshService refreshes;

  public RefreshRequestedCondition(RefreshService refreshes) {
    this.refreshes = refreshes;
  }

  public boolean requested(DelegateExecution execution) {
    return refreshes.isRefresh(CHANGE_ID.required(execution));
  }
}
