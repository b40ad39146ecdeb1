package io.changegate.engine.modelcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;

/**
 * docs/model-rules.md lists every bean callable from models with every method a model may call on it, and the
 * reads and functions of {@link ModelReads}: generated here, checked on every build. After marking a bean or
 * changing its methods, run this test with {@code -Dmodel-rules.write=true} to rewrite the generated part.
 */
class ModelRulesDocTest {

  static final Path DOC = Path.of("docs/model-rules.md");
  static final String BEANS_START = "<!-- generated: callable beans (ModelRulesDocTest) -->";
  static final String BEANS_END = "<!-- end of generated callable beans -->";
  static final String READS_START = "<!-- generated: reads and functions (ModelRulesDocTest) -->";
  static final String READS_END = "<!-- end of generated reads and functions -->";

  @Test
  void theDocListsEveryCallableBeanAndMethodAndEveryAllowedRead() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String expected = replace(replace(doc, BEANS_START, BEANS_END, beansTable()), READS_START, READS_END, readsList());

    if (!expected.equals(doc) && Boolean.getBoolean("model-rules.write")) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
      doc = expected;
    }
    assertThat(doc).as("docs/model-rules.md is out of date: run ModelRulesDocTest with -Dmodel-rules.write=true")
        .isEqualTo(expected);
  }

  static String beansTable() {
    StringBuilder table = new StringBuilder("| bean | class | used as | methods a model may call |\n|---|---|---|---|\n");
    CallableBeans.scan().types().forEach((name, type) -> table.append("| `").append(name).append("` | `")
        .append(type.getName().substring(CallableBeans.PRODUCT_PACKAGE.length() + 1)).append("` | ")
        .append(usedAs(name, type)).append(" | ")
        .append(CallableBeans.callableMethods(type).stream().map(ModelRulesDocTest::signature)
            .collect(Collectors.joining("<br>")))
        .append(" |\n"));
    return table.toString();
  }

  static String readsList() {
    StringBuilder list = new StringBuilder();
    list.append("- Engine objects: ");
    list.append(ModelReads.ENGINE_OBJECTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> new TreeSet<>(e.getValue()).stream().map(p -> "`" + e.getKey() + "." + p + "`")
            .collect(Collectors.joining(", ")))
        .collect(Collectors.joining(", "))).append(".\n");
    for (ModelReads.Reads reads : ModelReads.READS) {
      if (reads.methods().isEmpty()) {
        continue; // execution and task: listed above by their names in expressions
      }
      list.append("- On a `").append(reads.type().getSimpleName()).append("`: ");
      List<String> items = new java.util.ArrayList<>();
      new TreeSet<>(reads.properties()).forEach(p -> items.add("`." + p + "`"));
      new TreeSet<>(reads.methods().keySet()).forEach(m -> items.add("`" + m + "("
          + (reads.methods().get(m) == 0 ? "" : "…") + ")`"));
      list.append(String.join(", ", items)).append(".\n");
    }
    list.append("- Functions: ").append(new TreeSet<>(ModelReads.FUNCTIONS).stream().map(f -> "`" + f + "()`")
        .collect(Collectors.joining(", "))).append(".\n");
    return list.toString();
  }

  private static String usedAs(String name, Class<?> type) {
    if (JavaDelegate.class.isAssignableFrom(type)) {
      return "service task: `camunda:delegateExpression=\"${" + name + "}\"`";
    }
    if (ExecutionListener.class.isAssignableFrom(type)) {
      return "execution listener: `delegateExpression=\"${" + name + "}\"`";
    }
    if (TaskListener.class.isAssignableFrom(type)) {
      return "task listener: `delegateExpression=\"${" + name + "}\"`";
    }
    return "method calls";
  }

  private static String signature(Method method) {
    return "`" + method.getName() + "(" + Arrays.stream(method.getParameters())
        .map(ModelRulesDocTest::parameter).collect(Collectors.joining(", ")) + ")`";
  }

  private static String parameter(Parameter parameter) {
    return parameter.getType().getSimpleName() + " " + parameter.getName();
  }

  private static String replace(String doc, String start, String end, String generated) {
    int from = doc.indexOf(start);
    int to = doc.indexOf(end);
    assertThat(from).as("docs/model-rules.md has the marker " + start).isNotNegative();
    assertThat(to).as("docs/model-rules.md has the marker " + end).isGreaterThan(from);
    return doc.substring(0, from + start.length()) + "\n" + generated + doc.substring(to);
  }
}
