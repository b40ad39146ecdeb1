package io.changegate.engine.modelcheck;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/** A read-only resolver of the restricted expression manager; what it allows, it reads with a bean resolver. */
abstract class ModelElResolver extends ELResolver {

  /** Reflection of the JUEL bean resolver, used only after a resolver allowed the call or read. */
  protected static final BeanELResolver REFLECTION = new BeanELResolver(true);

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    // read-only: a model writes variables through output mappings and beans, never through an expression
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return base == null ? String.class : null;
  }

  static String typeOf(Object base) {
    return base == null ? "null" : base.getClass().getName();
  }
}
