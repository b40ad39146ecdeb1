package io.changegate.governance.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.governance.check.Conditions.Truth;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  static final Set<String> TRACKED = Set.of("riskLevel", "decision");

  static Truth eval(String condition, String risk) {
    Map<String, String> values = new HashMap<>();
    values.put("riskLevel", risk);
    return Conditions.evaluate(condition, values, TRACKED);
  }

  @Test
  void comparisonsOfTrackedVariablesAreDecided() {
    assertThat(eval("${riskLevel == 'HIGH'}", "HIGH")).isEqualTo(Truth.TRUE);
    assertThat(eval("${riskLevel != 'HIGH'}", "HIGH")).isEqualTo(Truth.FALSE);
    assertThat(eval("#{riskLevel eq \"LOW\" or riskLevel eq 'MEDIUM'}", "MEDIUM")).isEqualTo(Truth.TRUE);
    assertThat(eval("${!(riskLevel == 'HIGH') && decision == null}", "LOW")).isEqualTo(Truth.TRUE);
    assertThat(eval("${riskLevel == 'HIGH'}", null)).isEqualTo(Truth.FALSE);
  }

  @Test
  void whatItCannotDecideIsUnknown() {
    assertThat(eval("${other == 'x'}", "HIGH")).isEqualTo(Truth.UNKNOWN);
    assertThat(eval("${riskLevel == 'HIGH' && other}", "HIGH")).isEqualTo(Truth.UNKNOWN);
    assertThat(eval("${riskLevel == 'HIGH' || other}", "HIGH")).isEqualTo(Truth.TRUE);
    assertThat(eval("${bean.decide(riskLevel)}", "HIGH")).isEqualTo(Truth.UNKNOWN);
    assertThat(eval("${riskLevel.length() > 2}", "HIGH")).isEqualTo(Truth.UNKNOWN);
    assertThat(eval("riskLevel == 'HIGH'", "HIGH")).isEqualTo(Truth.UNKNOWN);
    assertThat(eval(null, "HIGH")).isEqualTo(Truth.TRUE);
  }
}
