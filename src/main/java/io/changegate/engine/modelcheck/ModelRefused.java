package io.changegate.engine.modelcheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.bpmn.parser.ResourceReportImpl;

/**
 * A deployment refused by the model check. A {@link ParseException}, so the engine rolls the deployment back
 * and both REST APIs (/engine-rest and the webapps') answer 400 with the message and, per resource, the
 * problems with element ids — as for a BPMN that does not parse.
 */
public class ModelRefused extends ParseException {

  private final List<ModelProblem> problems;

  public ModelRefused(List<ModelProblem> problems) {
    super(message(problems), problems.get(0).resource(), List.copyOf(problems.stream()
        .filter(p -> p.resource().equals(problems.get(0).resource())).toList()), List.of());
    this.problems = List.copyOf(problems);
    Map<String, List<Problem>> byResource = new LinkedHashMap<>();
    problems.forEach(p -> byResource.computeIfAbsent(p.resource(), r -> new ArrayList<>()).add(p));
    byResource.remove(problems.get(0).resource());
    byResource.forEach((resource, list) -> resorceReports.add(new ResourceReportImpl(resource, list, List.of())));
  }

  public List<ModelProblem> problems() {
    return problems;
  }

  private static String message(List<ModelProblem> problems) {
    return "Model refused (see docs/model-rules.md): " + problems.stream()
        .map(p -> p.resource() + ": " + p.getMessage()).collect(Collectors.joining("; "));
  }
}
