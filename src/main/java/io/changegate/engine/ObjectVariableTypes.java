package io.changegate.engine;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.runtime.WhitelistingDeserializationTypeValidator;

/**
 * The Java types an object variable (JSON) may name, for the engine's deserialization type validation
 * ({@code deserializationTypeValidationEnabled}) and for {@link ObjectVariablePolicy} when such a variable is
 * written. Changegate stores no object variables of classes of its own: its documents are Json variables (the
 * FMEA worksheet, a timeline) and its lists come from decision results ({@code signOffGroups}, an
 * {@code ArrayList<String>}). So the list holds what those need — text, numbers, booleans, dates and the JDK's
 * plain collections — and not the whole of {@code java.lang} that Camunda's default allows (which includes
 * {@code ProcessBuilder}). A class of Changegate's own that is ever stored as an object variable is added to
 * {@link #CHANGEGATE} by name; operators can add classes or packages with the engine properties
 * {@code deserializationAllowedClasses} and {@code deserializationAllowedPackages}.
 */
public class ObjectVariableTypes implements WhitelistingDeserializationTypeValidator {

  static final Set<String> JDK = Set.of(
      "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Number",
      "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
      "java.lang.Double", "java.math.BigDecimal", "java.math.BigInteger", "java.util.Date",
      "java.util.List", "java.util.Map", "java.util.Set", "java.util.Collection",
      "java.util.ArrayList", "java.util.Arrays$ArrayList", "java.util.LinkedList", "java.util.HashMap",
      "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet",
      "java.util.TreeSet");

  /** Classes of Changegate's own stored as object variables: none today. */
  static final Set<String> CHANGEGATE = Set.of();

  private final Set<String> allowedClasses = new HashSet<>();
  private final Set<String> allowedPackages = new HashSet<>();

  @Override
  public void setAllowedClasses(String classes) {
    allowedClasses.clear();
    allowedClasses.addAll(split(classes));
  }

  @Override
  public void setAllowedPackages(String packages) {
    allowedPackages.clear();
    allowedPackages.addAll(split(packages));
  }

  /** Whether one class (a binary name such as {@code java.util.ArrayList}) may be read or written. */
  @Override
  public boolean validate(String className) {
    if (className == null || className.isBlank()) {
      return true;
    }
    return JDK.contains(className) || CHANGEGATE.contains(className) || allowedClasses.contains(className)
        || allowedPackages.stream().anyMatch(p -> className.startsWith(p.endsWith(".") ? p : p + "."));
  }

  /**
   * Whether every class a type name mentions is allowed, without loading any: the name as Jackson writes it,
   * generics and arrays included ({@code java.util.ArrayList<java.lang.String>}, {@code [Ljava.lang.Long;},
   * {@code java.lang.String[]}).
   */
  public boolean validateTypeName(String typeName) {
    if (typeName == null || typeName.isBlank()) {
      return false;
    }
    for (String part : typeName.split("[<>,\\s]+")) {
      String name = part.replace("[]", "");
      while (name.startsWith("[")) {
        name = name.substring(1);
      }
      if (name.length() == 1 && "ZBCDFIJS".contains(name)) {
        continue; // an array of a primitive type
      }
      if (name.startsWith("L") && name.endsWith(";")) {
        name = name.substring(1, name.length() - 1);
      }
      if (!name.isEmpty() && !validate(name)) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> split(String names) {
    Set<String> set = new HashSet<>();
    if (names != null) {
      Arrays.stream(names.replaceAll("\\s", "").split(",")).filter(n -> !n.isEmpty()).forEach(set::add);
    }
    return set;
  }
}
