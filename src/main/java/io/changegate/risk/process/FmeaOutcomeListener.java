package io.changegate.risk.process;

import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.risk.FmeaProcess.FMEA_COMMENT;
import static io.changegate.risk.FmeaProcess.FMEA_DECISION;
import static io.changegate.risk.FmeaProcess.REWORK_COMMENT;

import io.changegate.approval.Decision;
import io.changegate.engine.CallableFromModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What {@code fmea-review} hands back, set where the diagram shows it: {@code ${fmeaOutcome.approved(execution)}}
 * and {@code ${fmeaOutcome.rejected(execution)}} at its end events ({@code fmeaDecision}, {@code fmeaComment}),
 * {@code ${fmeaOutcome.returnedForRework(execution)}} on the way back to the requester (the assessor's comment,
 * shown on the fill-in form).
 */
@CallableFromModels
@Component("fmeaOutcome")
public class FmeaOutcomeListener {

  public void approved(DelegateExecution execution) {
    FMEA_DECISION.set(execution, Decision.APPROVE.name());
    FMEA_COMMENT.set(execution, comment(execution));
  }

  public void rejected(DelegateExecution execution) {
    FMEA_DECISION.set(execution, Decision.REJECT.name());
    FMEA_COMMENT.set(execution, comment(execution));
  }

  public void returnedForRework(DelegateExecution execution) {
    REWORK_COMMENT.set(execution, comment(execution));
  }

  private static String comment(DelegateExecution execution) {
    String comment = COMMENT.from(execution);
    return comment == null ? "" : comment.strip();
  }
}
