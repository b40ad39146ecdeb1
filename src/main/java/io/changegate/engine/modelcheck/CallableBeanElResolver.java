package io.changegate.engine.modelcheck;

import java.util.function.Function;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.MethodNotFoundException;

/**
 * Resolves the names of beans marked callable from models (and no other Spring bean), and calls their callable
 * methods ({@link CallableBeans#callableMethods}): public methods declared by Changegate's classes, never
 * {@code getClass()} or any other method of {@link Object}.
 */
final class CallableBeanElResolver extends ModelElResolver {

  private final CallableBeans beans;
  private final Function<String, Object> lookup;

  CallableBeanElResolver(CallableBeans beans, Function<String, Object> lookup) {
    this.beans = beans;
    this.lookup = lookup;
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base == null && property instanceof String name && beans.isBean(name)) {
      Object bean = lookup.apply(name);
      context.setPropertyResolved(true);
      return bean;
    }
    return null;
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (base == null || !beans.isCallableBean(base)) {
      return null;
    }
    String name = String.valueOf(method);
    if (!beans.mayCall(base, name)) {
      throw new MethodNotFoundException("A model may not call " + name + "() of " + typeOf(base)
          + ": only the public methods Changegate declares on a bean callable from models");
    }
    return REFLECTION.invoke(context, base, method, paramTypes, params);
  }
}
