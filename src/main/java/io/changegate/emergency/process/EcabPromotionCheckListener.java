package io.changegate.emergency.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.change.ChangeProcess;
import io.changegate.emergency.EmergencyProcess;
import io.changegate.emergency.EmergencyPromotionCheck;
import io.changegate.emergency.EmergencyPromotionOverride;
import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Task listener "create" of the ECAB approval: the promotion check the change will meet, for the form to show
 * ({@link EmergencyPromotionCheck}). In the diagram: {@code ${ecabPromotionCheck.prepare(task)}}. Task listener
 * "complete", after segregation of duties and the decision: {@code ${ecabPromotionCheck.override(task)}} records the
 * ECAB's override of the promotion order when the form asks for one ({@link EmergencyPromotionOverride}).
 */
@CallableFromModels
@Component("ecabPromotionCheck")
public class EcabPromotionCheckListener {

  private final EmergencyPromotionCheck check;
  private final EmergencyPromotionOverride overrides;

  public EcabPromotionCheckListener(EmergencyPromotionCheck check, EmergencyPromotionOverride overrides) {
    this.check = check;
    this.overrides = overrides;
  }

  public void prepare(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);

    String promotion = check.describe(changeId);

    EmergencyProcess.PROMOTION_CHECK.setLocal(task, promotion);
    task.getExecution().removeVariable(EmergencyProcess.PROMOTION_OVERRIDE.name());
    task.getExecution().removeVariable(EmergencyProcess.PROMOTION_OVERRIDE_REASON.name());
  }

  public void override(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);
    Boolean override = EmergencyProcess.PROMOTION_OVERRIDE.from(task);
    if (!Boolean.TRUE.equals(override)) {
      return;
    }
    String actor = Actor.of(task);

    overrides.record(changeId, actor, ChangeProcess.DECISION.from(task),
        EmergencyProcess.PROMOTION_OVERRIDE_REASON.from(task), groupsOf(actor));
  }

  /** Group membership is the engine's fact, read without the acting user's authorizations. */
  private static List<String> groupsOf(String user) {
    var identity = Context.getProcessEngineConfiguration().getIdentityService();
    return Context.getCommandContext().runWithoutAuthorization(() -> identity.createGroupQuery().groupMember(user)
        .list().stream().map(Group::getId).toList());
  }
}
