package io.changegate.governance.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a sequence flow's condition in three-valued logic, for the approval-path check: comparisons of
 * variables with string, boolean and null literals ({@code ==}, {@code !=}, {@code eq}, {@code ne}) joined by
 * {@code &&}, {@code ||}, {@code !} ({@code and}, {@code or}, {@code not}) and parentheses. A tracked variable
 * has a known value (or none); anything else — another variable, a method call, an expression this grammar
 * does not cover — is {@link Truth#UNKNOWN}, so the flow counts as possibly taken.
 */
final class Conditions {

  enum Truth {
    TRUE, FALSE, UNKNOWN;

    static Truth of(boolean value) {
      return value ? TRUE : FALSE;
    }

    Truth and(Truth other) {
      if (this == FALSE || other == FALSE) {
        return FALSE;
      }
      return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
    }

    Truth or(Truth other) {
      if (this == TRUE || other == TRUE) {
        return TRUE;
      }
      return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
    }

    Truth not() {
      return this == UNKNOWN ? UNKNOWN : this == TRUE ? FALSE : TRUE;
    }
  }

  private static final Object UNKNOWN_VALUE = new Object();
  private static final Object NULL = new Object();

  private final List<String> tokens;
  private final Map<String, String> values;
  private final Set<String> tracked;
  private int next;

  private Conditions(List<String> tokens, Map<String, String> values, Set<String> tracked) {
    this.tokens = tokens;
    this.values = values;
    this.tracked = tracked;
  }

  /**
   * The condition's truth when the {@code tracked} variables have the given {@code values} (absent: not set).
   */
  static Truth evaluate(String condition, Map<String, String> values, Set<String> tracked) {
    if (condition == null) {
      return Truth.TRUE;
    }
    String text = condition.strip();
    if (!(text.startsWith("${") || text.startsWith("#{")) || !text.endsWith("}")) {
      return Truth.UNKNOWN;
    }
    try {
      Conditions parser = new Conditions(tokenize(text.substring(2, text.length() - 1)), values, tracked);
      Object result = parser.or();
      if (parser.next != parser.tokens.size()) {
        return Truth.UNKNOWN;
      }
      return truth(result);
    } catch (IllegalArgumentException e) {
      return Truth.UNKNOWN;
    }
  }

  private Object or() {
    Object left = and();
    while (peek("||") || peek("or")) {
      next++;
      left = truth(left).or(truth(and()));
    }
    return left;
  }

  private Object and() {
    Object left = not();
    while (peek("&&") || peek("and")) {
      next++;
      left = truth(left).and(truth(not()));
    }
    return left;
  }

  private Object not() {
    if (peek("!") || peek("not")) {
      next++;
      return truth(not()).not();
    }
    return comparison();
  }

  private Object comparison() {
    Object left = primary();
    if (peek("==") || peek("eq") || peek("!=") || peek("ne")) {
      boolean equal = peek("==") || peek("eq");
      next++;
      Object right = primary();
      if (left == UNKNOWN_VALUE || right == UNKNOWN_VALUE || left instanceof Truth || right instanceof Truth) {
        if (left instanceof Truth l && right instanceof Truth r && l != Truth.UNKNOWN && r != Truth.UNKNOWN) {
          return Truth.of((l == r) == equal);
        }
        return Truth.UNKNOWN;
      }
      return Truth.of(left.equals(right) == equal);
    }
    return left;
  }

  private Object primary() {
    if (next >= tokens.size()) {
      throw new IllegalArgumentException("unexpected end");
    }
    String token = tokens.get(next++);
    if (token.equals("(")) {
      Object inner = or();
      expect(")");
      return inner;
    }
    if (token.startsWith("'") || token.startsWith("\"")) {
      return token.substring(1, token.length() - 1);
    }
    switch (token) {
      case "true":
        return Truth.TRUE;
      case "false":
        return Truth.FALSE;
      case "null":
        return NULL;
      default:
        break;
    }
    if (!token.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a variable: " + token);
    }
    if (peek("(") || peek(".") || peek("[")) {
      throw new IllegalArgumentException("calls and properties are not evaluated");
    }
    if (!tracked.contains(token)) {
      return UNKNOWN_VALUE;
    }
    String value = values.get(token);
    return value == null ? NULL : value;
  }

  private static Truth truth(Object value) {
    return value instanceof Truth truth ? truth : Truth.UNKNOWN;
  }

  private boolean peek(String token) {
    return next < tokens.size() && tokens.get(next).equals(token);
  }

  private void expect(String token) {
    if (!peek(token)) {
      throw new IllegalArgumentException("expected " + token);
    }
    next++;
  }

  private static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || c == '"') {
        int end = text.indexOf(c, i + 1);
        if (end < 0 || text.substring(i + 1, end).contains("\\")) {
          throw new IllegalArgumentException("unterminated string");
        }
        tokens.add(text.substring(i, end + 1));
        i = end + 1;
      } else if (text.startsWith("==", i) || text.startsWith("!=", i) || text.startsWith("&&", i)
          || text.startsWith("||", i)) {
        tokens.add(text.substring(i, i + 2));
        i += 2;
      } else if ("()!.[".indexOf(c) >= 0) {
        tokens.add(String.valueOf(c));
        i++;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int start = i;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        tokens.add(text.substring(start, i));
      } else {
        throw new IllegalArgumentException("unsupported character " + c);
      }
    }
    return tokens;
  }
}
