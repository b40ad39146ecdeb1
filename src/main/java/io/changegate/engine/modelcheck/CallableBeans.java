package io.changegate.engine.modelcheck;

import io.changegate.engine.CallableFromModels;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The beans models may call: the {@code @Component} classes of Changegate marked {@link CallableFromModels}, by
 * bean name, with the methods a model may call on each. Found by scanning the classpath (the same list for the
 * deployment check, the restricted expression resolver, the conformance test and the generated docs); the
 * running application checks at start that each is a bean of that name and type.
 */
public final class CallableBeans {

  /** Changegate's own classes: the only package a model's classes and callable methods may come from. */
  public static final String PRODUCT_PACKAGE = "io.changegate";

  private final Map<String, Class<?>> types;
  private final Map<Class<?>, Set<String>> methods = new LinkedHashMap<>();

  private CallableBeans(Map<String, Class<?>> types) {
    this.types = Collections.unmodifiableMap(new TreeMap<>(types));
    for (Class<?> type : this.types.values()) {
      methods.put(type, callableMethods(type).stream().map(Method::getName)
          .collect(Collectors.toCollection(TreeSet::new)));
    }
  }

  /** Every class marked {@link CallableFromModels} under {@link #PRODUCT_PACKAGE}, named as Spring names it. */
  public static CallableBeans scan() {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(CallableFromModels.class));
    SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
    Map<String, Class<?>> types = new TreeMap<>();
    ClassLoader loader = CallableBeans.class.getClassLoader();
    for (BeanDefinition candidate : scanner.findCandidateComponents(PRODUCT_PACKAGE)) {
      String name = AnnotationBeanNameGenerator.INSTANCE.generateBeanName(candidate, registry);
      types.put(name, ClassUtils.resolveClassName(candidate.getBeanClassName(), loader));
    }
    return new CallableBeans(types);
  }

  /** A fixed catalogue (unit tests). */
  public static CallableBeans of(Map<String, Class<?>> types) {
    return new CallableBeans(types);
  }

  public Map<String, Class<?>> types() {
    return types;
  }

  public boolean isBean(String name) {
    return types.containsKey(name);
  }

  /** Names of the methods a model may call on the bean, empty for an unknown name. */
  public Set<String> methodNames(String beanName) {
    Class<?> type = types.get(beanName);
    return type == null ? Set.of() : methods.get(type);
  }

  /** Whether {@code bean} (a bean instance, possibly a proxy) is a callable bean, and {@code method} callable on it. */
  public boolean mayCall(Object bean, String method) {
    Set<String> names = methods.get(ClassUtils.getUserClass(bean));
    return names != null && names.contains(method);
  }

  public boolean isCallableBean(Object value) {
    return value != null && methods.containsKey(ClassUtils.getUserClass(value));
  }

  /**
   * The methods of a callable bean class a model may call: public instance methods declared by the class or by
   * one of its superclasses in {@link #PRODUCT_PACKAGE} (so never {@link Object}'s, nor a framework's).
   */
  public static List<Method> callableMethods(Class<?> type) {
    List<Method> found = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class && isProduct(c); c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        int modifiers = method.getModifiers();
        if (Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !method.isSynthetic()
            && !method.isBridge()) {
          found.add(method);
        }
      }
    }
    found.sort(Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount));
    return found;
  }

  static boolean isProduct(Class<?> type) {
    return type.getName().startsWith(PRODUCT_PACKAGE + ".");
  }
}
