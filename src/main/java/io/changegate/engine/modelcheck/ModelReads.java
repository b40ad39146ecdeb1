package io.changegate.engine.modelcheck;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.json.SpinJsonNode;
import org.joda.time.DateTime;

/**
 * The reads a model may make on values that are not beans, kept small and explicit: which properties of the
 * engine objects {@code execution} and {@code task}, which methods of a decision result, of a JSON value and of
 * {@code dateTime()}. Maps, lists and arrays (process variables) are read with {@code .key} and {@code [index]}.
 * The deployment check applies them by name, the restricted resolver by the value's type.
 */
public final class ModelReads {

  /** A value type and what a model may read from it: properties by name, methods by name and argument count. */
  record Reads(Class<?> type, Set<String> properties, Map<String, Integer> methods) {}

  public static final Set<String> EXECUTION_PROPERTIES =
      Set.of("processBusinessKey", "businessKey", "processInstanceId", "currentActivityId");
  public static final Set<String> TASK_PROPERTIES =
      Set.of("id", "name", "taskDefinitionKey", "assignee", "processInstanceId");

  /** Identifiers naming an engine object in an expression, with the properties a model may read from it. */
  public static final Map<String, Set<String>> ENGINE_OBJECTS =
      Map.of("execution", EXECUTION_PROPERTIES, "task", TASK_PROPERTIES);

  static final List<Reads> READS = List.of(
      new Reads(DelegateExecution.class, EXECUTION_PROPERTIES, Map.of()),
      new Reads(DelegateTask.class, TASK_PROPERTIES, Map.of()),
      // decisionResult in the output mapping of a business rule task
      new Reads(DmnDecisionResult.class, Set.of("singleResult", "firstResult", "resultList", "singleEntry"),
          Map.of("getSingleResult", 0, "getFirstResult", 0, "getResultList", 0, "getSingleEntry", 0,
              "collectEntries", 1)),
      new Reads(DmnDecisionResultEntries.class, Set.of(),
          Map.of("getSingleEntry", 0, "getFirstEntry", 0, "getEntry", 1)),
      // JSON variables and S(...)/JSON(...): reads only (no mapTo, no setters)
      new Reads(SpinJsonNode.class, Set.of(),
          Map.ofEntries(Map.entry("prop", 1), Map.entry("hasProp", 1), Map.entry("stringValue", 0),
              Map.entry("numberValue", 0), Map.entry("boolValue", 0), Map.entry("isNull", 0),
              Map.entry("isValue", 0), Map.entry("isString", 0), Map.entry("isNumber", 0),
              Map.entry("isBoolean", 0), Map.entry("isArray", 0), Map.entry("isObject", 0),
              Map.entry("elements", 0), Map.entry("fieldNames", 0))),
      // dateTime() of Tasklist filters and due dates: an immutable date
      new Reads(DateTime.class, Set.of(),
          Map.ofEntries(Map.entry("plusYears", 1), Map.entry("plusMonths", 1), Map.entry("plusWeeks", 1),
              Map.entry("plusDays", 1), Map.entry("plusHours", 1), Map.entry("plusMinutes", 1),
              Map.entry("minusYears", 1), Map.entry("minusMonths", 1), Map.entry("minusWeeks", 1),
              Map.entry("minusDays", 1), Map.entry("minusHours", 1), Map.entry("minusMinutes", 1),
              Map.entry("toDate", 0))));

  /** Functions a model (and a Tasklist filter) may call. */
  public static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups", "S",
      "JSON");

  /**
   * Property names never read, whatever the value: the way from any object to its class, class loader and
   * reflection. (The resolver does not read them anyway; the check says so at deployment.)
   */
  static final Set<String> FORBIDDEN_PROPERTIES = Set.of("class", "classLoader", "declaringClass", "module",
      "protectionDomain", "processEngine", "processEngineServices", "processEngineConfiguration");

  private ModelReads() {}

  /** Method name → argument count, over every value type (the deployment check does not know types). */
  static Map<String, Integer> valueMethods() {
    Map<String, Integer> methods = new TreeMap<>();
    READS.forEach(reads -> methods.putAll(reads.methods()));
    return methods;
  }

  static boolean mayReadProperty(Object base, Object property) {
    if (!(property instanceof String name)) {
      return false;
    }
    return READS.stream().anyMatch(r -> r.type().isInstance(base) && r.properties().contains(name));
  }

  static boolean mayCallMethod(Object base, String method, int arguments) {
    return READS.stream().anyMatch(r -> r.type().isInstance(base)
        && Integer.valueOf(arguments).equals(r.methods().get(method)));
  }
}
