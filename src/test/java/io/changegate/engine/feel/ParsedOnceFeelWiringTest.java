package io.changegate.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.support.ChangegateIntegrationTest;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The application's process engine evaluates its decision tables with {@link ParsedOnceFeel}. */
@ChangegateIntegrationTest
class ParsedOnceFeelWiringTest {

  @Autowired ProcessEngine engine;

  @Test
  void theDecisionTablesOfTheEngineKeepTheirExpressionsParsed() {
    var feel = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDmnEngineConfiguration()
        .getFeelEngine();
    assertThat(feel).isInstanceOf(ParsedOnceFeel.class);

    Map<String, Object> emergency = Map.of("emergency", true, "urgency", "HIGH", "emergencyJustified", true,
        "templateFits", false, "scanVerdict", "PASSED");
    var result = engine.getDecisionService().evaluateDecisionTableByKey("change-classification")
        .variables(Variables.fromMap(emergency).putValue("standardChangeTemplate", null)).evaluate();
    assertThat(result.getSingleResult().getEntry("changeType").toString()).isEqualTo("EMERGENCY");
    // the classification's own input expression, kept parsed for the next evaluation (other tests' changes may
    // evaluate other tables meanwhile, so the test asks for this text, not for a count)
    assertThat(((ParsedOnceFeel) feel).holds("standardChangeTemplate != null")).isTrue();
  }
}
