package io.changegate.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/**
 * {@link ParsedOnceFeel} answers as Camunda's own FEEL integration does — values, unary tests, failures and their
 * messages — for the kinds of expressions Changegate's decision tables use and some they do not, while parsing each
 * text once.
 */
class ParsedOnceFeelTest {

  private final ParsedOnceFeel parsedOnce = new ParsedOnceFeel(List.of());
  private final ScalaFeelEngine camunda = new ScalaFeelEngine(List.of());

  static final List<String> UNARY_TESTS = List.of("< 10", "[1..5]", "\"HIGH\",\"MEDIUM\"", "not(\"LOW\")", "-",
      "true", "> x", "contains(?, \"prod\")", "?.size > 1", "< 10 and", "unknownFunction(?)", "");
  static final List<String> EXPRESSIONS = List.of("a + b", "a * b > 100", "if a > 3 then \"HIGH\" else \"LOW\"",
      "string length(name)", "name", "list contains([1,2,3], a)", "a +", "missing.field", "date(\"2026-12-06\")");
  static final List<Map<String, Object>> INPUTS = List.of(
      Map.of("a", 2, "b", 3, "x", 4, "name", "production", "cellInput", 3),
      Map.of("a", 40, "b", 7, "x", 50, "name", "staging", "cellInput", 12),
      Map.of("a", 5, "b", -1, "x", 0, "name", "", "cellInput", "HIGH"));

  @Test
  void everyUnaryTestAnswersAsCamundasFeelDoesAndIsParsedOnce() {
    List<String> outcomes = new ArrayList<>();
    for (Map<String, Object> input : INPUTS) {
      for (String test : UNARY_TESTS) {
        VariableContext variables = Variables.fromMap(input).asVariableContext();
        String outcome = outcome(() -> parsedOnce.evaluateSimpleUnaryTests(test, "cellInput", variables));
        assertThat(outcome).as("%s with %s", test, input)
            .isEqualTo(outcome(() -> camunda.evaluateSimpleUnaryTests(test, "cellInput", variables)));
        outcomes.add(outcome);
      }
    }
    assertThat(outcomes).as("true, false and failures all compared")
        .contains("value true", "value false").anyMatch(o -> o.contains("failed to parse"));
    assertThat(parsedOnce.parsed()).as("one parsed form per text, whatever the input").isEqualTo(UNARY_TESTS.size());
  }

  @Test
  void everyExpressionAnswersAsCamundasFeelDoesAndIsParsedOnce() {
    List<String> outcomes = new ArrayList<>();
    for (Map<String, Object> input : INPUTS) {
      for (String expression : EXPRESSIONS) {
        VariableContext variables = Variables.fromMap(input).asVariableContext();
        String outcome = outcome(() -> parsedOnce.<Object>evaluateSimpleExpression(expression, variables));
        assertThat(outcome).as("%s with %s", expression, input)
            .isEqualTo(outcome(() -> camunda.<Object>evaluateSimpleExpression(expression, variables)));
        outcomes.add(outcome);
      }
    }
    assertThat(outcomes).as("values and failures all compared")
        .contains("value 5", "value HIGH").anyMatch(o -> o.contains("failed to parse"));
    assertThat(parsedOnce.parsed()).isEqualTo(EXPRESSIONS.size());
  }

  @Test
  void theSameTextAsExpressionAndAsUnaryTestIsParsedAsEach() {
    VariableContext variables = Variables.fromMap(Map.of("cellInput", 3, "a", 1)).asVariableContext();
    assertThat(parsedOnce.<Object>evaluateSimpleExpression("3", variables)).isEqualTo(3L);
    assertThat(parsedOnce.evaluateSimpleUnaryTests("3", "cellInput", variables)).isTrue();
    assertThat(parsedOnce.evaluateSimpleUnaryTests("3", "a", variables)).as("the input named, not the last").isFalse();
  }

  /** The value, or the failure's type and message, as comparable text. */
  private static String outcome(Callable<?> evaluation) {
    try {
      return "value " + evaluation.call();
    } catch (Exception e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
