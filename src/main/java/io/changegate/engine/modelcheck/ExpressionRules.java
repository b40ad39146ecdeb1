package io.changegate.engine.modelcheck;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBoolean;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNull;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Checks one expression, parsed by the engine's own JUEL parser (the shaded JUEL of Camunda, with the features
 * the engine enables: method invocations and varargs), against the forms a model may use:
 * <ul>
 *   <li>a call of a method of a bean marked callable from models, {@code ${changeStatus.set(execution, 'X')}},
 *       or the bean itself ({@code ${loadTarget}} as a delegate expression);</li>
 *   <li>a read of process variables: identifiers, {@code .property} and {@code [index]} on their values,
 *       the few engine-object properties and value methods of {@link ModelReads};</li>
 *   <li>with literals, comparisons, boolean and arithmetic operators, {@code empty}, {@code ?:} and the
 *       functions of {@link ModelReads#FUNCTIONS}.</li>
 * </ul>
 * Anything else is refused with a reason, every problem of the expression listed once.
 */
public final class ExpressionRules {

  private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
  private static final Map<String, Integer> VALUE_METHODS = ModelReads.valueMethods();

  private final CallableBeans beans;

  public ExpressionRules(CallableBeans beans) {
    this.beans = beans;
  }

  /** The reasons {@code expression} is refused; empty when it has an allowed form. */
  public List<String> check(String expression) {
    Node root;
    try {
      root = PARSER.build(expression).getRoot();
    } catch (TreeBuilderException e) {
      return List.of("is not a valid expression: " + e.getMessage());
    }
    Walk walk = new Walk();
    walk.value(root);
    return walk.problems();
  }

  /** The bean a delegate expression names ({@code ${loadTarget}}), or null when it is not exactly one name. */
  public static String delegateBeanName(String expression) {
    try {
      Node root = PARSER.build(expression.trim()).getRoot();
      if (root instanceof AstEval eval && eval.getChild(0) instanceof AstIdentifier identifier) {
        return identifier.getName();
      }
    } catch (TreeBuilderException e) {
      return null;
    }
    return null;
  }

  private final class Walk {

    private final Set<String> problems = new LinkedHashSet<>();
    private final Set<String> valueCalls = new LinkedHashSet<>();

    List<String> problems() {
      List<String> all = new ArrayList<>(problems);
      if (!valueCalls.isEmpty()) {
        all.add("calls " + String.join(", ", valueCalls) + " on " + (valueCalls.size() == 1 ? "a value" : "values")
            + ": only beans callable from models have methods a model may call, values only the reads of"
            + " docs/model-rules.md");
      }
      return all;
    }

    void value(Node node) {
      if (node instanceof AstText || node instanceof AstString || node instanceof AstNumber
          || node instanceof AstBoolean || node instanceof AstNull || node instanceof AstIdentifier) {
        return;
      }
      if (node instanceof AstEval || node instanceof AstComposite || node instanceof AstNested
          || node instanceof AstBinary || node instanceof AstUnary || node instanceof AstChoice
          || node instanceof AstParameters) {
        children(node);
      } else if (node instanceof AstMethod method) {
        call(method);
      } else if (node instanceof AstDot dot) {
        read(dot.getChild(0), dotName(dot));
      } else if (node instanceof AstBracket bracket) {
        Node key = bracket.getChild(1);
        value(key);
        read(bracket.getChild(0), key instanceof AstString literal ? literal(literal) : null);
      } else if (node instanceof AstFunction function) {
        if (!ModelReads.FUNCTIONS.contains(function.getName())) {
          problems.add("calls the function " + function.getName() + "(), not one of " + sorted(ModelReads.FUNCTIONS));
        }
        children(node);
      } else {
        problems.add("uses " + node + ", which a model may not use");
      }
    }

    private void children(Node node) {
      for (int i = 0; i < node.getCardinality(); i++) {
        value(node.getChild(i));
      }
    }

    /** {@code prefix.name} or {@code prefix[name]}; name is null when the key is computed. */
    private void read(Node prefix, String name) {
      if (unwrap(prefix) instanceof AstIdentifier identifier) {
        String id = identifier.getName();
        if (beans.isBean(id)) {
          problems.add("reads " + describe(name) + " of the bean '" + id + "': beans are called, not read");
          return;
        }
        Set<String> engineProperties = ModelReads.ENGINE_OBJECTS.get(id);
        if (engineProperties != null && (name == null || !engineProperties.contains(name))) {
          problems.add("reads " + describe(name) + " of '" + id + "': a model may read only "
              + sorted(engineProperties) + " of it");
          return;
        }
      }
      if (name != null && ModelReads.FORBIDDEN_PROPERTIES.contains(name)) {
        problems.add("reads '" + name + "', which leads to classes and reflection");
        return;
      }
      value(prefix);
    }

    private void call(AstMethod method) {
      Node property = method.getChild(0);
      Node parameters = method.getChild(1);
      Node receiver = unwrap(property.getChild(0));
      String name = property instanceof AstDot dot ? dotName(dot)
          : property.getChild(1) instanceof AstString literal ? literal(literal) : null;
      int arguments = parameters.getCardinality();
      if (name == null) {
        problems.add("calls a method whose name is computed");
      } else if (receiver instanceof AstIdentifier identifier && beans.isBean(identifier.getName())) {
        String bean = identifier.getName();
        if (!beans.methodNames(bean).contains(name)) {
          problems.add("calls " + bean + "." + name + "(), which is not a method of the bean '" + bean
              + "' callable from models " + sorted(beans.methodNames(bean)));
        }
      } else if (!Integer.valueOf(arguments).equals(VALUE_METHODS.get(name))) {
        if (receiver instanceof AstIdentifier identifier) {
          problems.add("calls " + name + "() on '" + identifier.getName() + "', which is not a bean callable from"
              + " models");
        } else {
          value(receiver);
          valueCalls.add(name + "()");
        }
      } else {
        value(receiver);
      }
      children(parameters);
    }
  }

  /** {@code (x)} is {@code x}. */
  private static Node unwrap(Node node) {
    Node inner = node;
    while (inner instanceof AstNested) {
      inner = inner.getChild(0);
    }
    return inner;
  }

  private static String dotName(AstDot dot) {
    // AstDot keeps its property name protected; its toString() is ". " + name
    return dot.toString().substring(2);
  }

  private static String literal(AstString string) {
    return String.valueOf(string.eval(null, null));
  }

  private static String describe(String name) {
    return name == null ? "a computed property" : "'" + name + "'";
  }

  private static String sorted(Set<String> names) {
    return new java.util.TreeSet<>(names).toString();
  }
}
