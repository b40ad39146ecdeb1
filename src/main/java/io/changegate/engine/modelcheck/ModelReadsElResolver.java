package io.changegate.engine.modelcheck;

import org.camunda.bpm.impl.juel.jakarta.el.ELContext;

/** The reads of {@link ModelReads} on values that are not beans: a few engine properties and value methods. */
final class ModelReadsElResolver extends ModelElResolver {

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base != null && ModelReads.mayReadProperty(base, property)) {
      return REFLECTION.getValue(context, base, property);
    }
    return null;
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    int arguments = params == null ? 0 : params.length;
    if (base != null && ModelReads.mayCallMethod(base, String.valueOf(method), arguments)) {
      return REFLECTION.invoke(context, base, method, paramTypes, params);
    }
    return null;
  }
}
