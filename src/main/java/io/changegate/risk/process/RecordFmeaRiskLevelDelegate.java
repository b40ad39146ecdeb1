package io.changegate.risk.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;
import static io.changegate.risk.FmeaProcess.FAILURE_MODES;
import static io.changegate.risk.FmeaProcess.MAX_RPN;
import static io.changegate.risk.FmeaProcess.MAX_SEVERITY;
import static io.changegate.risk.FmeaProcess.RISK_LEVEL;
import static io.changegate.risk.FmeaProcess.RISK_REASON;

import io.changegate.change.Level;
import io.changegate.engine.CallableFromModels;
import io.changegate.risk.Figures;
import io.changegate.risk.FmeaService;
import io.changegate.risk.RiskAssessment;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record risk level": the level {@code fmea-risk-level} decided goes on the change and its timeline. */
@CallableFromModels
@Component("recordFmeaRiskLevel")
public class RecordFmeaRiskLevelDelegate implements JavaDelegate {

  private final FmeaService fmea;

  public RecordFmeaRiskLevelDelegate(FmeaService fmea) {
    this.fmea = fmea;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);
    Level level = Level.valueOf(RISK_LEVEL.required(execution));
    Figures figures = new Figures(FAILURE_MODES.required(execution), MAX_SEVERITY.required(execution),
        MAX_RPN.required(execution));

    fmea.recordRiskLevel(changeId, new RiskAssessment(level, RISK_REASON.from(execution), figures));
  }
}
