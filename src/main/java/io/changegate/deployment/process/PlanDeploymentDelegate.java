package io.changegate.deployment.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.deployment.DeploymentProcess.PROMOTION_ALLOWED;
import static io.changegate.deployment.DeploymentProcess.PROMOTION_REFUSAL;
import static io.changegate.deployment.DeploymentProcess.TARGETS_INDEPENDENT;
import static io.changegate.deployment.DeploymentProcess.TARGET_COUNT;

import io.changegate.deployment.DeploymentPlan;
import io.changegate.deployment.DeploymentPlanner;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Check promotion path": may this digest reach this environment, and which targets. */
@CallableFromModels
@Component("planDeployment")
public class PlanDeploymentDelegate implements JavaDelegate {

  private final DeploymentPlanner planner;

  public PlanDeploymentDelegate(DeploymentPlanner planner) {
    this.planner = planner;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    DeploymentPlan plan = planner.plan(changeId);

    PROMOTION_ALLOWED.set(execution, plan.promotionAllowed());
    PROMOTION_REFUSAL.set(execution, plan.refusal() == null ? "" : plan.refusal());
    TARGET_COUNT.set(execution, plan.targetCount());
    TARGETS_INDEPENDENT.set(execution, plan.targetsIndependent());
  }
}
