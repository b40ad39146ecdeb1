package io.changegate.governance.check;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The check of {@code required-sign-offs}: the proposed table still names each group under at least the conditions
 * the approved one does. Both tables are evaluated with the DMN engine over the whole domain of their inputs —
 * booleans both ways, the input values a table declares (exactly those), for other strings every literal either
 * table tests for plus one value neither mentions, for numbers each literal and its neighbours — and for every combination the
 * groups the approved table requires must all be required by the proposed one. Added groups are shown as notes.
 *
 * <p>Only FEEL tables are evaluated (the engine's default); input expressions must be variable names, so that
 * the domain is known. Otherwise the check refuses: it never accepts what it cannot show.
 */
public final class SignOffCoverageCheck {

  static final String CHECK = "sign-off-coverage";
  public static final String DECISION = "required-sign-offs";
  static final String OTHER = "(any other value)";
  static final int MAX_COMBINATIONS = 50_000;
  private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");
  private static final Pattern NUMBER_LITERAL = Pattern.compile("(?<![\\w.\"])-?\\d+(\\.\\d+)?(?![\\w.\"])");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final DmnEngine engine;

  public SignOffCoverageCheck(DmnEngine engine) {
    this.engine = engine;
  }

  /** An input of either table: the variable it reads and the values to try. */
  record Domain(String variable, List<Object> values) {}

  /** Compares the proposed table with the approved one ({@code null}: none approved yet, nothing to keep). */
  public List<Finding> check(String model, byte[] approved, byte[] proposed) {
    List<Finding> findings = new ArrayList<>();
    DmnModelInstance before = approved == null ? null : Dmn.readModelFromStream(new ByteArrayInputStream(approved));
    DmnModelInstance after = Dmn.readModelFromStream(new ByteArrayInputStream(proposed));
    DecisionTable oldTable = before == null ? null : table(before);
    DecisionTable newTable = table(after);
    if (newTable == null) {
      findings.add(error(model, null, "decision-table", DECISION + " is no longer a decision table"));
      return findings;
    }
    if (newTable.getHitPolicy() != HitPolicy.COLLECT || newTable.getAggregation() != null
        || newTable.getOutputs().size() != 1) {
      findings.add(error(model, newTable.getId(), "decision-table", DECISION + " must stay a COLLECT table "
          + "without aggregation and with one output (the signing group): the sign-off process reads it that way"));
      return findings;
    }
    for (String language : languagesOtherThanFeel(proposed)) {
      findings.add(error(model, null, "feel-only", DECISION + " uses expression language '" + language
          + "'; only FEEL tables are compared"));
    }
    Map<String, Domain> domains = new LinkedHashMap<>();
    for (DecisionTable table : oldTable == null ? List.of(newTable) : List.of(oldTable, newTable)) {
      for (Input input : table.getInputs()) {
        String variable = input.getInputExpression() == null || input.getInputExpression().getText() == null ? ""
            : input.getInputExpression().getText().getTextContent().strip();
        if (!NAME.matcher(variable).matches()) {
          findings.add(error(model, input.getId(), "input-is-a-variable", "Input '" + input.getLabel()
              + "' reads '" + variable + "': the comparison needs inputs that read one variable"));
          continue;
        }
        Domain domain = domain(variable, input, table);
        if (domain == null) {
          findings.add(error(model, input.getId(), "input-domain", "Input '" + variable + "' has type '"
              + input.getInputExpression().getTypeRef() + "', whose values cannot be enumerated"));
          continue;
        }
        domains.merge(variable, domain, SignOffCoverageCheck::union);
      }
    }
    if (!findings.isEmpty() || oldTable == null) {
      return findings;
    }
    compare(model, approved, proposed, new ArrayList<>(domains.values()), findings);
    return findings;
  }

  private void compare(String model, byte[] approved, byte[] proposed, List<Domain> domains,
      List<Finding> findings) {
    long product = 1;
    for (Domain domain : domains) {
      product *= domain.values().size();
    }
    final long combinations = product;
    if (combinations > MAX_COMBINATIONS) {
      findings.add(error(model, null, "input-domain", DECISION + " has " + combinations
          + " input combinations, more than the " + MAX_COMBINATIONS + " the comparison evaluates"));
      return;
    }
    DmnDecision oldDecision = engine.parseDecision(DECISION, new ByteArrayInputStream(approved));
    DmnDecision newDecision = engine.parseDecision(DECISION, new ByteArrayInputStream(proposed));
    Map<String, List<Map<String, Object>>> lost = new LinkedHashMap<>();
    Map<String, List<Map<String, Object>>> gained = new LinkedHashMap<>();
    int[] index = new int[domains.size()];
    for (long n = 0; n < combinations; n++) {
      Map<String, Object> inputs = new LinkedHashMap<>();
      VariableMap variables = Variables.createVariables();
      for (int i = 0; i < domains.size(); i++) {
        Object value = domains.get(i).values().get(index[i]);
        inputs.put(domains.get(i).variable(), value);
        variables.putValue(domains.get(i).variable(), value);
      }
      Set<String> required = groups(oldDecision, variables);
      Set<String> now;
      try {
        now = groups(newDecision, variables);
      } catch (RuntimeException e) {
        findings.add(error(model, null, "evaluates", DECISION + " fails for " + shown(inputs) + ": "
            + e.getMessage()));
        return;
      }
      for (String group : required) {
        if (!now.contains(group)) {
          lost.computeIfAbsent(group, g -> new ArrayList<>()).add(inputs);
        }
      }
      for (String group : now) {
        if (!required.contains(group)) {
          gained.computeIfAbsent(group, g -> new ArrayList<>()).add(inputs);
        }
      }
      for (int i = domains.size() - 1; i >= 0; i--) {
        if (++index[i] < domains.get(i).values().size()) {
          break;
        }
        index[i] = 0;
      }
    }
    lost.forEach((group, cases) -> findings.add(error(model, null, "sign-offs-kept", "'" + group
        + "' would no longer sign off in " + cases.size() + " of " + combinations + " cases, e.g. "
        + shown(cases.get(0)))));
    gained.forEach((group, cases) -> findings.add(Finding.info(CHECK, model, null, "sign-offs-added", "'" + group
        + "' would also sign off in " + cases.size() + " of " + combinations + " cases, e.g. "
        + shown(cases.get(0)))));
  }

  private Set<String> groups(DmnDecision decision, VariableMap variables) {
    DmnDecisionResult result = engine.evaluateDecision(decision, variables);
    Set<String> groups = new TreeSet<>();
    for (DmnDecisionResultEntries entries : result) {
      Object value = entries.getSingleEntry();
      if (value != null) {
        groups.add(value.toString());
      }
    }
    return groups;
  }

  private static DecisionTable table(DmnModelInstance model) {
    Decision decision = model.getModelElementById(DECISION);
    return decision != null && decision.getExpression() instanceof DecisionTable table ? table : null;
  }

  /** The values to try for an input: by type, declared input values, or the literals the table tests for. */
  private static Domain domain(String variable, Input input, DecisionTable table) {
    String type = input.getInputExpression().getTypeRef() == null ? ""
        : input.getInputExpression().getTypeRef().toLowerCase(Locale.ROOT);
    List<String> entries = entriesOf(input, table);
    Set<Object> values = new LinkedHashSet<>();
    switch (type) {
      case "boolean" -> {
        values.add(Boolean.TRUE);
        values.add(Boolean.FALSE);
      }
      case "integer", "long", "double" -> {
        values.add(number(type, "0"));
        for (String entry : entries) {
          Matcher numbers = NUMBER_LITERAL.matcher(entry);
          while (numbers.find()) {
            double n = Double.parseDouble(numbers.group());
            for (double v : new double[] {n - 1, n, n + 1}) {
              values.add(number(type, type.equals("double") ? Double.toString(v) : Long.toString((long) v)));
            }
          }
        }
      }
      case "string", "" -> {
        if (input.getInputValues() != null && input.getInputValues().getText() != null
            && !input.getInputValues().getText().getTextContent().isBlank()) {
          // the values the table declares are the domain
          Matcher literals = STRING_LITERAL.matcher(input.getInputValues().getText().getTextContent());
          while (literals.find()) {
            values.add(literals.group(1));
          }
          return new Domain(variable, new ArrayList<>(values));
        }
        for (String entry : entries) {
          Matcher literals = STRING_LITERAL.matcher(entry);
          while (literals.find()) {
            values.add(literals.group(1));
          }
          if (entry.strip().equals("true") || entry.strip().equals("false")) {
            values.add(Boolean.parseBoolean(entry.strip()));
          }
        }
        values.add(OTHER);
      }
      default -> {
        return null;
      }
    }
    return new Domain(variable, new ArrayList<>(values));
  }

  private static Object number(String type, String text) {
    return switch (type) {
      case "integer" -> Integer.valueOf((int) Double.parseDouble(text));
      case "long" -> Long.valueOf((long) Double.parseDouble(text));
      default -> Double.valueOf(text);
    };
  }

  private static List<String> entriesOf(Input input, DecisionTable table) {
    int column = new ArrayList<>(table.getInputs()).indexOf(input);
    List<String> entries = new ArrayList<>();
    for (Rule rule : table.getRules()) {
      List<InputEntry> cells = new ArrayList<>(rule.getInputEntries());
      if (column < cells.size() && cells.get(column).getText() != null) {
        entries.add(cells.get(column).getText().getTextContent());
      }
    }
    return entries;
  }

  private static Domain union(Domain a, Domain b) {
    Set<Object> values = new LinkedHashSet<>(a.values());
    values.addAll(b.values());
    // "any other value" stays last
    if (values.remove(OTHER)) {
      values.add(OTHER);
    }
    return new Domain(a.variable(), new ArrayList<>(values));
  }

  private static Set<String> languagesOtherThanFeel(byte[] dmn) {
    Set<String> languages = new TreeSet<>();
    NodeList all = Xml.parse(dmn).getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      String language = ((Element) all.item(i)).getAttribute("expressionLanguage");
      if (!language.isBlank() && !language.toLowerCase(Locale.ROOT).contains("feel")) {
        languages.add(language);
      }
    }
    return languages;
  }

  private static String shown(Map<String, Object> inputs) {
    List<String> parts = new ArrayList<>();
    inputs.forEach((name, value) -> parts.add(name + " = " + (value instanceof String s && !OTHER.equals(s)
        ? "\"" + s + "\"" : value)));
    return String.join(", ", parts);
  }

  private static Finding error(String model, String element, String rule, String message) {
    return Finding.error(CHECK, model, element, rule, message);
  }
}
