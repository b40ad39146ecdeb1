package io.changegate.delivery.dmn;

import io.changegate.delivery.DoraKey;
import io.changegate.delivery.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * The rules of a deployed {@code dora-tiers} table, read once per version so that rating a value is a few comparisons
 * instead of a FEEL evaluation of every rule. Only what such a table needs is understood: a string literal or nothing
 * for the key, a comparison ({@code < 24}, {@code >= 0.23}), a range ({@code [1..7)}) or nothing for the value, and
 * literals as outputs, under hit policy FIRST or UNIQUE. A table with anything else is not compiled
 * ({@link #compile} is empty) and the engine evaluates it.
 */
public final class TierTable {

  private static final Pattern COMPARISON = Pattern.compile("(<=|>=|<|>|=)?\\s*(-?\\d+(?:\\.\\d+)?)");
  private static final Pattern RANGE = Pattern.compile("([\\[\\]\\(])\\s*(-?\\d+(?:\\.\\d+)?)\\s*\\.\\.\\s*"
      + "(-?\\d+(?:\\.\\d+)?)\\s*([\\[\\]\\)])");
  private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");

  private record Test(double low, boolean lowIncluded, double high, boolean highIncluded) {
    boolean accepts(double value) {
      return (value > low || lowIncluded && value == low) && (value < high || highIncluded && value == high);
    }
  }

  private record CompiledRule(String key, Test test, Tier tier) {}

  private final List<CompiledRule> rules;

  private TierTable(List<CompiledRule> rules) {
    this.rules = rules;
  }

  public Tier tier(DoraKey key, double value) {
    for (CompiledRule rule : rules) {
      if ((rule.key == null || rule.key.equals(key.id())) && (rule.test == null || rule.test.accepts(value))) {
        Tier t = rule.tier;
        Double gap = t.nextTierBound() == null ? null : Math.round(Math.abs(value - t.nextTierBound()) * 1000d) / 1000d;
        return new Tier(t.tier(), t.rank(), t.nextTier(), t.nextTierBound(), t.comparison(), gap, t.rule());
      }
    }
    return Tier.UNRATED;
  }

  public static Optional<TierTable> compile(DmnModelInstance model, String decisionId) {
    Decision decision = model.getModelElementById(decisionId);
    if (decision == null || !(decision.getExpression() instanceof DecisionTable table)
        || !(table.getHitPolicy() == HitPolicy.FIRST || table.getHitPolicy() == HitPolicy.UNIQUE)
        || table.getInputs().size() != 2) {
      return Optional.empty();
    }
    List<String> outputs = table.getOutputs().stream().map(Output::getName).toList();
    List<CompiledRule> compiled = new ArrayList<>();
    for (Rule rule : table.getRules()) {
      List<InputEntry> inputs = new ArrayList<>(rule.getInputEntries());
      List<OutputEntry> outs = new ArrayList<>(rule.getOutputEntries());
      Optional<String> key = key(text(inputs.get(0)));
      Optional<Test> test = test(text(inputs.get(1)));
      if (key == null || test == null) {
        return Optional.empty();
      }
      String[] values = new String[outputs.size()];
      for (int i = 0; i < outs.size(); i++) {
        values[i] = text(outs.get(i));
      }
      try {
        compiled.add(new CompiledRule(key.orElse(null), test.orElse(null), new Tier(string(values, outputs, "tier"),
            number(values, outputs, "rank") == null ? 0 : number(values, outputs, "rank").intValue(),
            string(values, outputs, "nextTier"), number(values, outputs, "nextTierBound"),
            string(values, outputs, "comparison"), null, string(values, outputs, "rule"))));
      } catch (IllegalArgumentException notALiteral) {
        return Optional.empty();
      }
    }
    return Optional.of(new TierTable(compiled));
  }

  private static String text(org.camunda.bpm.model.dmn.instance.DmnElement entry) {
    var text = entry instanceof InputEntry in ? in.getText() : ((OutputEntry) entry).getText();
    return text == null || text.getTextContent() == null ? "" : text.getTextContent().strip();
  }

  /** Empty: any key; null: not understood. */
  private static Optional<String> key(String text) {
    if (text.isEmpty() || text.equals("-")) {
      return Optional.empty();
    }
    Matcher m = STRING.matcher(text);
    return m.matches() ? Optional.of(m.group(1)) : null;
  }

  /** Empty: any value; null: not understood. */
  private static Optional<Test> test(String text) {
    if (text.isEmpty() || text.equals("-")) {
      return Optional.empty();
    }
    Matcher range = RANGE.matcher(text);
    if (range.matches()) {
      return Optional.of(new Test(Double.parseDouble(range.group(2)), range.group(1).equals("["),
          Double.parseDouble(range.group(3)), range.group(4).equals("]")));
    }
    Matcher m = COMPARISON.matcher(text);
    if (!m.matches()) {
      return null;
    }
    double n = Double.parseDouble(m.group(2));
    String op = m.group(1) == null ? "=" : m.group(1);
    double inf = Double.POSITIVE_INFINITY;
    return Optional.of(switch (op) {
      case "<" -> new Test(-inf, false, n, false);
      case "<=" -> new Test(-inf, false, n, true);
      case ">" -> new Test(n, false, inf, false);
      case ">=" -> new Test(n, true, inf, false);
      default -> new Test(n, true, n, true);
    });
  }

  private static String string(String[] values, List<String> outputs, String name) {
    int i = outputs.indexOf(name);
    if (i < 0 || values[i] == null || values[i].isEmpty() || values[i].equals("null")) {
      return null;
    }
    Matcher m = STRING.matcher(values[i]);
    if (!m.matches()) {
      throw new IllegalArgumentException(values[i]);
    }
    return m.group(1);
  }

  private static Double number(String[] values, List<String> outputs, String name) {
    int i = outputs.indexOf(name);
    if (i < 0 || values[i] == null || values[i].isEmpty() || values[i].equals("null")) {
      return null;
    }
    return Double.parseDouble(values[i]);
  }
}
