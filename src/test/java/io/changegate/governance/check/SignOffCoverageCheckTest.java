package io.changegate.governance.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.governance.Models;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;

/**
 * required-sign-offs evaluated old against new over the domain of its inputs: a stricter table passes (its added
 * groups shown), a table that drops a group anywhere is refused with an example.
 */
class SignOffCoverageCheckTest {

  static final String APPROVED = Models.text("processes/required-sign-offs.dmn");
  static final SignOffCoverageCheck CHECK =
      new SignOffCoverageCheck(DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine());

  static List<Finding> check(String proposed) {
    return CHECK.check("required-sign-offs", APPROVED.getBytes(StandardCharsets.UTF_8),
        proposed.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSameTableKeepsEveryGroup() {
    assertThat(check(APPROVED)).isEmpty();
  }

  @Test
  void legalForEveryHighImpactChangeIsStricterAndShownAsAnAddition() {
    List<Finding> findings = check(Models.requiredSignOffsWithLegalForHighImpact());

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
      // regulated false, impact HIGH: 2 (securityRelevant) x 4 (environment kinds) x 2 (owner: none or one) x 3 (risk)
      // of 2 x 2 x 3 x 4 x 2 x 3 cases
      assertThat(f.message()).startsWith("'legal' would also sign off in 48 of 288 cases, e.g. regulated = false");
    });
  }

  @Test
  void droppingSecurityForHighImpactIsRefusedWithAnExample() {
    String weaker = Models.replaceOnce(APPROVED,
        "<inputEntry id=\"UnaryTests_Rule_HighImpactSecurity_3\"><text>\"HIGH\"</text></inputEntry>",
        "<inputEntry id=\"UnaryTests_Rule_HighImpactSecurity_3\"><text>\"NONE\"</text></inputEntry>");

    List<Finding> errors = check(weaker).stream().filter(Finding::isError).toList();

    assertThat(errors).singleElement().satisfies(f -> assertThat(f.message())
        .startsWith("'security' would no longer sign off in 48 of 288 cases")
        .contains("securityRelevant = false").contains("impact = \"HIGH\""));
  }

  @Test
  void narrowingOperationsToAnotherEnvironmentKindIsFoundForProduction() {
    String weaker = Models.replaceOnce(APPROVED, "<text>\"PRODUCTION\"</text>", "<text>\"PRE_PRODUCTION\"</text>");

    assertThat(check(weaker)).filteredOn(Finding::isError).singleElement()
        .satisfies(f -> assertThat(f.message()).startsWith("'operations' would no longer sign off")
            .contains("environmentKind = \"PRODUCTION\""));
  }

  @Test
  void anotherHitPolicyOrALanguageOtherThanFeelIsRefused() {
    String first = Models.replaceOnce(APPROVED, "hitPolicy=\"COLLECT\"", "hitPolicy=\"FIRST\"");
    assertThat(check(first)).extracting(Finding::rule).containsExactly("decision-table");

    String juel = Models.replaceOnce(APPROVED, "<inputExpression id=\"InputExpression_Regulated\" typeRef=\"boolean\">",
        "<inputExpression id=\"InputExpression_Regulated\" typeRef=\"boolean\" expressionLanguage=\"juel\">");
    assertThat(check(juel)).extracting(Finding::rule).contains("feel-only");
  }
}
