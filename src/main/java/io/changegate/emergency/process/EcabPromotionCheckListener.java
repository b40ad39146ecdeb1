package io.changegate.emergency.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.emergency.EmergencyProcess;
import io.changegate.emergency.EmergencyPromotionCheck;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Task listener "create" of the ECAB approval: the promotion check the change will meet, for the form to show
 * ({@link EmergencyPromotionCheck}). In the diagram: {@code ${ecabPromotionCheck.prepare(task)}}.
 */
@CallableFromModels
@Component("ecabPromotionCheck")
public class EcabPromotionCheckListener {

  private final EmergencyPromotionCheck check;

  public EcabPromotionCheckListener(EmergencyPromotionCheck check) {
    this.check = check;
  }

  public void prepare(DelegateTask task) {
    String changeId = CHANGE_ID.required(task);

    String promotion = check.describe(changeId);

    EmergencyProcess.PROMOTION_CHECK.setLocal(task, promotion);
  }
}
