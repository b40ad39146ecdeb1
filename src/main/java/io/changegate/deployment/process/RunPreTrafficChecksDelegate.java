package io.changegate.deployment.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.PRE_TRAFFIC_PASSED;

import io.changegate.deployment.PreTrafficService;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Check the canary before traffic": the change's synthetic checks against its preview or canary
 * endpoint. They only read (GET and the like), so a job that runs twice checks twice and changes nothing.
 */
@CallsOut
@CallableFromModels
@Component("runPreTrafficChecks")
public class RunPreTrafficChecksDelegate implements JavaDelegate {

  private final PreTrafficService preTraffic;

  public RunPreTrafficChecksDelegate(PreTrafficService preTraffic) {
    this.preTraffic = preTraffic;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    boolean passed = preTraffic.check(changeId);

    PRE_TRAFFIC_PASSED.set(execution, passed);
  }
}
