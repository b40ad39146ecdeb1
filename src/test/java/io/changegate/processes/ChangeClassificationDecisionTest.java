package io.changegate.processes;

import static io.changegate.change.ChangeProcess.CHANGE_TYPE;
import static io.changegate.change.ChangeProcess.CLASSIFICATION_DECISION;
import static io.changegate.change.ChangeProcess.CLASSIFICATION_REASON;
import static io.changegate.change.ChangeProcess.EMERGENCY;
import static io.changegate.change.ChangeProcess.EMERGENCY_JUSTIFIED;
import static io.changegate.change.ChangeProcess.STANDARD_CHANGE_TEMPLATE;
import static io.changegate.change.ChangeProcess.TEMPLATE_FITS;
import static io.changegate.change.ChangeProcess.TEMPLATE_MISMATCH;
import static io.changegate.change.ChangeProcess.URGENCY;

import io.changegate.supplychain.SupplyChainProcess;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/change-classification.dmn, rule by rule, with the facts {@code ChangeService.submit} hands it
 * (the template is {@code null} when none is named, the mismatch empty when there is nothing to say).
 * Each test also checks which rule matched, from the decision's history.
 */
@Deployment(resources = ProcessTestSupport.CLASSIFICATION_DMN)
class ChangeClassificationDecisionTest extends ProcessTestSupport {

  static final String RULE_EMERGENCY = "Rule_Emergency";
  static final String RULE_EMERGENCY_NOT_URGENT = "Rule_EmergencyNotUrgent";
  static final String RULE_EMERGENCY_UNJUSTIFIED = "Rule_EmergencyUnjustified";
  static final String RULE_FITS_TEMPLATE = "Rule_FitsTemplate";
  static final String RULE_OUTSIDE_TEMPLATE = "Rule_OutsideTemplate";
  static final String RULE_NO_TEMPLATE = "Rule_NoTemplate";

  static final String TEMPLATE = "config-toggle";

  @RegisterExtension
  static final ProcessEngineExtension engine = engine();

  /** A change as submitted: no emergency, LOW urgency, no template. */
  private static VariableMap facts() {
    return Variables.createVariables()
        .putValue(EMERGENCY.name(), false)
        .putValue(EMERGENCY_JUSTIFIED.name(), false)
        .putValue(URGENCY.name(), "LOW")
        .putValue(STANDARD_CHANGE_TEMPLATE.name(), null)
        .putValue(TEMPLATE_FITS.name(), false)
        .putValue(TEMPLATE_MISMATCH.name(), "")
        .putValue(SupplyChainProcess.SCAN_VERDICT.name(), "PASS")
        .putValue(SupplyChainProcess.SCAN_REASON.name(), "Scanned: no secret, critical or high finding");
  }

  private static VariableMap emergency(String urgency, boolean justified) {
    return facts().putValue(EMERGENCY.name(), true).putValue(URGENCY.name(), urgency)
        .putValue(EMERGENCY_JUSTIFIED.name(), justified);
  }

  private static VariableMap template(boolean fits, String mismatch) {
    return facts().putValue(STANDARD_CHANGE_TEMPLATE.name(), TEMPLATE).putValue(TEMPLATE_FITS.name(), fits)
        .putValue(TEMPLATE_MISMATCH.name(), mismatch);
  }

  private record Classification(String changeType, String reason, String rule) {}

  private Classification classify(Map<String, Object> facts) {
    DmnDecisionResultEntries result = processEngine.getDecisionService()
        .evaluateDecisionByKey(CLASSIFICATION_DECISION)
        .variables(facts)
        .evaluate()
        .getSingleResult();
    Assertions.assertThat(result.keySet())
        .containsExactlyInAnyOrder(CHANGE_TYPE.name(), CLASSIFICATION_REASON.name());

    HistoricDecisionInstance evaluation = processEngine.getHistoryService().createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey(CLASSIFICATION_DECISION)
        .includeOutputs()
        .orderByEvaluationTime().desc()
        .list().get(0);
    String rule = evaluation.getOutputs().stream().map(HistoricDecisionOutputInstance::getRuleId)
        .distinct().reduce((a, b) -> a + "," + b).orElse(null);
    return new Classification(result.getEntry(CHANGE_TYPE.name()), result.getEntry(CLASSIFICATION_REASON.name()),
        rule);
  }

  @Test
  void emergencyWithHighUrgencyAndJustificationTakesTheEcabFastPath() {
    Classification c = classify(emergency("HIGH", true));

    Assertions.assertThat(c.changeType()).isEqualTo("EMERGENCY");
    Assertions.assertThat(c.reason()).contains("HIGH urgency").contains("ECAB");
    Assertions.assertThat(c.rule()).isEqualTo(RULE_EMERGENCY);
  }

  @Test
  void emergencyWithMediumUrgencyIsReviewedAsNormalAndTheReasonSaysMedium() {
    Classification c = classify(emergency("MEDIUM", true));

    Assertions.assertThat(c.changeType()).isEqualTo("NORMAL");
    Assertions.assertThat(c.reason()).contains("urgency MEDIUM").contains("not HIGH");
    Assertions.assertThat(c.rule()).isEqualTo(RULE_EMERGENCY_NOT_URGENT);
  }

  @Test
  void emergencyWithLowUrgencyIsReviewedAsNormalAndTheReasonSaysLow() {
    Classification c = classify(emergency("LOW", true));

    Assertions.assertThat(c.changeType()).isEqualTo("NORMAL");
    Assertions.assertThat(c.reason()).contains("urgency LOW");
    Assertions.assertThat(c.rule()).isEqualTo(RULE_EMERGENCY_NOT_URGENT);
  }

  @Test
  void emergencyWithoutJustificationIsReviewedAsNormal() {
    Classification c = classify(emergency("HIGH", false));

    Assertions.assertThat(c.changeType()).isEqualTo("NORMAL");
    Assertions.assertThat(c.reason()).contains("without a justification");
    Assertions.assertThat(c.rule()).isEqualTo(RULE_EMERGENCY_UNJUSTIFIED);
  }

  @Test
  void fitsItsTemplateIsStandardAndTheReasonNamesTheTemplate() {
    Classification c = classify(template(true, ""));

    Assertions.assertThat(c.changeType()).isEqualTo("STANDARD");
    Assertions.assertThat(c.reason()).isEqualTo("Fits pre-approved template " + TEMPLATE);
    Assertions.assertThat(c.rule()).isEqualTo(RULE_FITS_TEMPLATE);
  }

  @Test
  void aTemplateChangeWhoseScansNeedSecuritysSignOffIsNormal() {
    Classification c = classify(template(true, "").putValue(SupplyChainProcess.SCAN_VERDICT.name(), "SIGN_OFF")
        .putValue(SupplyChainProcess.SCAN_REASON.name(), "1 high finding(s): security must sign off"));

    Assertions.assertThat(c.changeType()).isEqualTo("NORMAL");
    Assertions.assertThat(c.reason()).contains("security's sign-off", "1 high finding(s)");
    Assertions.assertThat(c.rule()).isEqualTo("Rule_ScansNeedSignOff");
  }

  @Test
  void outsideItsTemplateIsNormalAndTheReasonSaysWhichBound() {
    String mismatch = "impact HIGH exceeds the template's MEDIUM";
    Classification c = classify(template(false, mismatch));

    Assertions.assertThat(c.changeType()).isEqualTo("NORMAL");
    Assertions.assertThat(c.reason()).contains(TEMPLATE).endsWith(": " + mismatch);
    Assertions.assertThat(c.rule()).isEqualTo(RULE_OUTSIDE_TEMPLATE);
  }

  @Test
  void noEmergencyAndNoTemplateIsNormal() {
    Classification c = classify(facts());

    Assertions.assertThat(c.changeType()).isEqualTo("NORMAL");
    Assertions.assertThat(c.reason()).contains("No pre-approved template");
    Assertions.assertThat(c.rule()).isEqualTo(RULE_NO_TEMPLATE);
  }

  @Test
  void anEmergencyRequestIsJudgedAsSuchEvenWhenItAlsoFitsATemplate() {
    // first hit: the emergency rules come before the template rules
    Assertions.assertThat(classify(emergency("HIGH", true).putValue(STANDARD_CHANGE_TEMPLATE.name(), TEMPLATE)
        .putValue(TEMPLATE_FITS.name(), true)).rule()).isEqualTo(RULE_EMERGENCY);
    Assertions.assertThat(classify(emergency("LOW", true).putValue(STANDARD_CHANGE_TEMPLATE.name(), TEMPLATE)
        .putValue(TEMPLATE_FITS.name(), true)).changeType()).isEqualTo("NORMAL");
  }
}
