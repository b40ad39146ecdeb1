package io.changegate.deployment;

import io.changegate.change.Names;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Change data put into URLs, job names and command arguments ({@code {target}}, {@code {version}}…). Every
 * value is checked against a safe alphabet first: a target called {@code x; rm -rf /} is refused before
 * anything is built from it, whatever the adapter.
 */
public final class Placeholders {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
  private static final Pattern NAME = Pattern.compile(Names.PATTERN);
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,99}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern CHANGE_ID = Pattern.compile("CHG-[0-9]{1,18}");
  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:/#-]{1,200}");

  private Placeholders() {}

  /** The values of an order, each validated; an unsafe one throws {@link UnsafeValueException}. */
  public static Map<String, String> of(DeploymentOrder order) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("changeId", check("change id", order.changeId(), CHANGE_ID));
    values.put("target", check("target", order.target(), NAME));
    values.put("service", check("service", order.service(), NAME));
    values.put("environment", check("environment", order.environment(), NAME));
    values.put("version", order.version() == null ? "" : check("version", order.version(), VERSION));
    values.put("digest", order.digest() == null ? "" : check("digest", order.digest(), DIGEST));
    values.put("idempotencyKey", values.get("changeId") + "-" + values.get("target") + "-"
        + (order.digest() == null ? values.get("version") : order.digest().substring("sha256:".length())));
    values.put("kind", order.kind().name());
    return values;
  }

  /** Adds the release being restored by a rollback: {@code {previousVersion}}, {@code {previousDigest}}, {@code {previousRef}}. */
  public static Map<String, String> withPrevious(Map<String, String> values, Release previous) {
    Map<String, String> all = new LinkedHashMap<>(values);
    all.put("previousVersion", previous == null || previous.version() == null ? ""
        : check("previous version", previous.version(), VERSION));
    all.put("previousDigest", previous == null || previous.digest() == null ? ""
        : check("previous digest", previous.digest(), DIGEST));
    all.put("previousRef", previous == null || previous.reference() == null ? ""
        : check("previous reference", previous.reference(), REFERENCE));
    return all;
  }

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

  /** The values for a target name and environment only (what-runs-where questions). */
  public static Map<String, String> ofTarget(String target, String environment) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("target", check("target", target, NAME));
    values.put("environment", check("environment", environment, NAME));
    return values;
  }

  private static String check(String what, String value, Pattern allowed) {
    if (value == null || !allowed.matcher(value).matches()) {
      throw new UnsafeValueException("refusing to use " + what + " '" + value + "': it is not a safe name ("
          + allowed.pattern() + ")");
    }
    return value;
  }

  /** A value that must not reach a deployment system: the call is refused, nothing runs. */
  public static class UnsafeValueException extends RuntimeException {

    public UnsafeValueException(String message) {
      super(message);
    }
  }
}
