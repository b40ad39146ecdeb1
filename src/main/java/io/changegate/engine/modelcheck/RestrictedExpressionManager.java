package io.changegate.engine.modelcheck;

import java.lang.reflect.Method;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.FunctionMapper;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;

/**
 * The engine's expression manager in Changegate, in place of the Spring starter's (which resolves every Spring
 * bean and calls any method of any object). Expressions in models, DMN (JUEL) and Tasklist filters resolve:
 * process variables and the engine's own names ({@code execution}, {@code task}, {@code authenticatedUserId},
 * DMN's variable context), the beans marked callable from models and nothing else of Spring, and on values only
 * the reads of {@link ModelReads}; every other method call or property read on an object fails. Functions: only
 * those of {@link ModelReads#FUNCTIONS}.
 */
public class RestrictedExpressionManager extends JuelExpressionManager {

  private final CallableBeans beans;
  private final Function<String, Object> beanLookup;

  /**
   * @param beanLookup a marked bean by name, looked up when an expression first needs it (beans depend on
   *                   the engine, so they do not exist yet when the engine is built)
   */
  public RestrictedExpressionManager(CallableBeans beans, Function<String, Object> beanLookup) {
    this.beans = beans;
    this.beanLookup = beanLookup;
  }

  @Override
  protected ELResolver createElResolver() {
    CompositeELResolver resolver = new CompositeELResolver();
    // beans first: a process variable (which users may write) never stands in for a governance bean such as
    // ${segregationOfDuties}; a variable named like a callable bean is not visible to expressions
    resolver.add(new CallableBeanElResolver(beans, beanLookup));
    resolver.add(new VariableScopeElResolver());
    resolver.add(new VariableContextElResolver());
    resolver.add(new ModelReadsElResolver());
    resolver.add(new ArrayELResolver(true));
    resolver.add(new ListELResolver(true));
    resolver.add(new MapELResolver(true));
    resolver.add(new RefusingElResolver());
    return resolver;
  }

  @Override
  protected FunctionMapper createFunctionMapper() {
    FunctionMapper all = super.createFunctionMapper();
    return new FunctionMapper() {
      @Override
      public Method resolveFunction(String prefix, String localName) {
        boolean allowed = (prefix == null || prefix.isBlank()) && ModelReads.FUNCTIONS.contains(localName);
        return allowed ? all.resolveFunction(prefix, localName) : null;
      }
    };
  }
}
