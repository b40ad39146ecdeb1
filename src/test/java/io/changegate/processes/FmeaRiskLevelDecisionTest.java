package io.changegate.processes;

import static io.changegate.risk.FmeaProcess.FAILURE_MODES;
import static io.changegate.risk.FmeaProcess.MAX_RPN;
import static io.changegate.risk.FmeaProcess.MAX_SEVERITY;
import static io.changegate.risk.FmeaProcess.RISK_LEVEL;
import static io.changegate.risk.FmeaProcess.RISK_REASON;

import io.changegate.risk.FmeaProcess;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * processes/fmea-risk-level.dmn, rule by rule and at each threshold, with the figures the FMEA review hands it.
 * Each case also checks which rule matched, from the decision's history.
 */
@Deployment(resources = FmeaReviewProcessTest.RISK_LEVEL_DMN)
class FmeaRiskLevelDecisionTest extends ProcessTestSupport {

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  private record Outcome(String riskLevel, String reason, String rule) {}

  private Outcome decide(int failureModes, int maxSeverity, int maxRpn) {
    DmnDecisionResultEntries result = processEngine.getDecisionService()
        .evaluateDecisionByKey(FmeaProcess.RISK_LEVEL_DECISION)
        .variables(Variables.createVariables()
            .putValue(FAILURE_MODES.name(), failureModes)
            .putValue(MAX_SEVERITY.name(), maxSeverity)
            .putValue(MAX_RPN.name(), maxRpn))
        .evaluate()
        .getSingleResult();
    String rule = processEngine.getHistoryService().createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey(FmeaProcess.RISK_LEVEL_DECISION).includeOutputs()
        .orderByEvaluationTime().desc().list().get(0)
        .getOutputs().stream().map(HistoricDecisionOutputInstance::getRuleId).distinct()
        .reduce((a, b) -> a + "," + b).orElse(null);
    return new Outcome(result.getEntry(RISK_LEVEL.name()), result.getEntry(RISK_REASON.name()), rule);
  }

  @ParameterizedTest(name = "{0} failure modes, severity {1}, RPN {2} -> {3} ({4})")
  @CsvSource({
      // no failure mode at all: never LOW
      "0, 0, 0, HIGH, Rule_FmeaNoFailureMode",
      "0, 10, 1000, HIGH, Rule_FmeaNoFailureMode",
      // severity 9 or more: HIGH however small the RPN
      "1, 9, 9, HIGH, Rule_FmeaCriticalSeverity",
      "3, 10, 10, HIGH, Rule_FmeaCriticalSeverity",
      // RPN 200 or more: HIGH
      "2, 8, 200, HIGH, Rule_FmeaHighRpn",
      "2, 5, 250, HIGH, Rule_FmeaHighRpn",
      "2, 6, 1000, HIGH, Rule_FmeaHighRpn",
      // severity 7 or 8 below RPN 200: MEDIUM
      "1, 7, 7, MEDIUM, Rule_FmeaMajorSeverity",
      "1, 8, 199, MEDIUM, Rule_FmeaMajorSeverity",
      // RPN 80 to 199 with severity 6 or less: MEDIUM
      "1, 6, 80, MEDIUM, Rule_FmeaMediumRpn",
      "4, 6, 199, MEDIUM, Rule_FmeaMediumRpn",
      // below every threshold: LOW
      "1, 6, 79, LOW, Rule_FmeaLow",
      "1, 1, 1, LOW, Rule_FmeaLow",
  })
  void decidesTheRiskLevelFromTheWorksheetsFigures(int modes, int severity, int rpn, String level, String rule) {
    Outcome outcome = decide(modes, severity, rpn);

    Assertions.assertThat(outcome.riskLevel()).isEqualTo(level);
    Assertions.assertThat(outcome.rule()).isEqualTo(rule);
    Assertions.assertThat(outcome.reason()).isNotBlank();
  }

  @Test
  void theReasonNamesTheFigureThatDecided() {
    Assertions.assertThat(decide(2, 9, 90).reason()).isEqualTo("A failure mode has severity 9 (9 or more)");
    Assertions.assertThat(decide(2, 5, 250).reason()).isEqualTo("A failure mode has RPN 250 (200 or more)");
    Assertions.assertThat(decide(2, 8, 120).reason()).isEqualTo("A failure mode has severity 8 (7 or 8)");
    Assertions.assertThat(decide(2, 4, 96).reason()).isEqualTo("Highest RPN 96 (80 to 199)");
    Assertions.assertThat(decide(2, 4, 24).reason())
        .isEqualTo("Highest severity 4, highest RPN 24: below every threshold");
  }
}
