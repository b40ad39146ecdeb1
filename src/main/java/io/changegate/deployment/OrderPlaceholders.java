package io.changegate.deployment;

import static io.changegate.outbound.Placeholders.checked;

import io.changegate.change.ChangeIds;
import io.changegate.change.Names;
import io.changegate.outbound.Placeholders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@link Placeholders} values of a deployment order ({@code {target}}, {@code {version}}…), each checked against
 * its safe alphabet first: an unsafe one throws {@link Placeholders.UnsafeValueException}.
 */
public final class OrderPlaceholders {

  private static final Pattern NAME = Pattern.compile(Names.PATTERN);
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,99}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern CHANGE_ID = Pattern.compile(ChangeIds.REGEX);
  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:/#-]{1,200}");

  private OrderPlaceholders() {}

  /** The values of an order. */
  public static Map<String, String> of(DeploymentOrder order) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("changeId", checked("change id", order.changeId(), CHANGE_ID));
    values.put("target", checked("target", order.target(), NAME));
    values.put("service", checked("service", order.service(), NAME));
    values.put("environment", checked("environment", order.environment(), NAME));
    values.put("version", order.version() == null ? "" : checked("version", order.version(), VERSION));
    values.put("digest", order.digest() == null ? "" : checked("digest", order.digest(), DIGEST));
    values.put("idempotencyKey", values.get("changeId") + "-" + values.get("target") + "-"
        + (order.digest() == null ? values.get("version") : order.digest().substring("sha256:".length())));
    values.put("kind", order.kind().name());
    return values;
  }

  /**
   * Adds the release being restored by a rollback: {@code {previousVersion}}, {@code {previousDigest}},
   * {@code {previousRef}}.
   */
  public static Map<String, String> withPrevious(Map<String, String> values, Release previous) {
    Map<String, String> all = new LinkedHashMap<>(values);
    all.put("previousVersion", previous == null || previous.version() == null ? ""
        : checked("previous version", previous.version(), VERSION));
    all.put("previousDigest", previous == null || previous.digest() == null ? ""
        : checked("previous digest", previous.digest(), DIGEST));
    all.put("previousRef", previous == null || previous.reference() == null ? ""
        : checked("previous reference", previous.reference(), REFERENCE));
    return all;
  }

  /** The values for a target name and environment only (what-runs-where questions). */
  public static Map<String, String> ofTarget(String target, String environment) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("target", checked("target", target, NAME));
    values.put("environment", checked("environment", environment, NAME));
    return values;
  }
}
