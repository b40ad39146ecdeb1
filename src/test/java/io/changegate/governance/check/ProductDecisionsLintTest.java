package io.changegate.governance.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.governance.Models;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model check's decision lint accepts the product's decision tables as they ship: every input reads something,
 * every rule is annotated, each decision has a history time to live.
 */
class ProductDecisionsLintTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"change-classification", "security-scan-gate", "required-sign-offs", "fmea-risk-level"})
  void productDecisionTablesPassTheLint(String decision) {
    byte[] dmn = Models.text("processes/" + decision + ".dmn").getBytes(StandardCharsets.UTF_8);

    assertThat(ModelLint.decisions(decision, dmn)).isEmpty();
  }
}
