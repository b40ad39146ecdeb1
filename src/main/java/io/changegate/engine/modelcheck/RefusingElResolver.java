package io.changegate.engine.modelcheck;

import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.MethodNotFoundException;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotFoundException;

/**
 * Last in the chain: a method call or property read on an object that no resolver before allowed is refused
 * with a reason (instead of the bean resolver's reflection: {@code getClass()}, {@code forName}, getters).
 */
final class RefusingElResolver extends ModelElResolver {

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base == null) {
      return null;
    }
    throw new PropertyNotFoundException("A model may not read '" + property + "' of " + typeOf(base)
        + ": only process variables (maps, lists), the reads listed in docs/model-rules.md and beans callable"
        + " from models");
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (base == null) {
      return null;
    }
    throw new MethodNotFoundException("A model may not call " + method + "() on " + typeOf(base)
        + ": only the methods of beans callable from models and the reads listed in docs/model-rules.md");
  }
}
