package io.changegate.engine.feel;

import camundajar.impl.scala.util.Either;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;

/**
 * The FEEL engine of the decision tables, parsing each expression text once. FEEL's own {@code evalExpression} and
 * {@code evalUnaryTests} parse and validate the text on every evaluation: for the scan gate and the classification,
 * that was half the cost of each decision (JFR, docs/benchmarks.md). Here the parsed and validated expression is kept
 * by its text, and each evaluation only interprets it; the results, and the failures with their messages, are FEEL's
 * own. A parsed expression is an immutable syntax tree, so threads share it. Configured as Camunda configures its
 * engine: external functions off.
 */
final class ParsedOnceFeelEngine extends FeelEngine {

  /** More distinct expressions than all decision tables of all deployed versions hold; the least used go first. */
  static final int MAX_EXPRESSIONS = 10_000;

  private final Cache<String, Either<Failure, ParsedExpression>> expressions =
      Caffeine.newBuilder().maximumSize(MAX_EXPRESSIONS).build();
  private final Cache<String, Either<Failure, ParsedExpression>> unaryTests =
      Caffeine.newBuilder().maximumSize(MAX_EXPRESSIONS).build();

  ParsedOnceFeelEngine(FunctionProvider functions, ValueMapper values) {
    super(functions, values, new Configuration(false), FeelEngine.defaultClock());
  }

  @Override
  public Either<Failure, Object> evalExpression(String expression, Context context) {
    return evaluate(expressions.get(expression, this::parseExpression), context);
  }

  @Override
  public Either<Failure, Object> evalUnaryTests(String expression, Context context) {
    return evaluate(unaryTests.get(expression, this::parseUnaryTests), context);
  }

  /** Whether {@code text} is kept parsed, as an expression or as unary tests. */
  boolean holds(String text) {
    return expressions.getIfPresent(text) != null || unaryTests.getIfPresent(text) != null;
  }

  /** How many parsed expressions and unary tests are kept. */
  long parsed() {
    return expressions.estimatedSize() + unaryTests.estimatedSize();
  }

  @SuppressWarnings("unchecked")
  private Either<Failure, Object> evaluate(Either<Failure, ParsedExpression> parsed, Context context) {
    if (parsed.isLeft()) {
      return (Either<Failure, Object>) (Either<?, ?>) parsed; // the parse or validation failure, as FEEL words it
    }
    return eval(parsed.toOption().get(), context);
  }
}
