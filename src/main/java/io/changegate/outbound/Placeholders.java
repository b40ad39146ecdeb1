package io.changegate.outbound;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Templates of URLs, job names, command arguments and queries with {@code {name}} placeholders, filled with values
 * that were each checked against a safe alphabet first ({@link #checked}): a value such as {@code x; rm -rf /} is
 * refused before anything is built from it, whatever the adapter.
 */
public final class Placeholders {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

  private Placeholders() {}

  /** Fills {@code {name}} placeholders of {@code template}; an unknown placeholder is a configuration error. */
  public static String expand(String template, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException("unknown placeholder {" + matcher.group(1) + "} in '" + template
            + "' (known: " + values.keySet() + ")");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** {@code value} when all of it is of the {@code allowed} alphabet; else {@link UnsafeValueException}. */
  public static String checked(String what, String value, Pattern allowed) {
    if (value == null || !allowed.matcher(value).matches()) {
      throw new UnsafeValueException("refusing to use " + what + " '" + value + "': it is not a safe name ("
          + allowed.pattern() + ")");
    }
    return value;
  }

  /** A value that must not reach an external system: the call is refused, nothing runs. */
  public static class UnsafeValueException extends RuntimeException {

    public UnsafeValueException(String message) {
      super(message);
    }
  }
}
