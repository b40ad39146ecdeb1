package io.changegate.engine.feel;

import java.util.List;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.feel.valuemapper.ValueMapper;

/**
 * Camunda's FEEL integration for DMN (variables, Spin values, custom functions, its error messages) over a FEEL
 * engine that parses each expression once ({@link ParsedOnceFeelEngine}).
 */
public final class ParsedOnceFeel extends ScalaFeelEngine {

  public ParsedOnceFeel(List<FeelCustomFunctionProvider> functionProviders) {
    super(functionProviders);
  }

  @Override
  protected org.camunda.feel.FeelEngine buildFeelEngine(CustomFunctionTransformer functions,
      ValueMapper.CompositeValueMapper values) {
    return new ParsedOnceFeelEngine(functions, values);
  }

  /** Whether the engine keeps {@code text} parsed. */
  boolean holds(String text) {
    return ((ParsedOnceFeelEngine) feelEngine).holds(text);
  }

  /** How many parsed expressions the engine keeps. */
  long parsed() {
    return ((ParsedOnceFeelEngine) feelEngine).parsed();
  }
}
