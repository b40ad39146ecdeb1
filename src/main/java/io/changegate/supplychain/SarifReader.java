package io.changegate.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads SARIF 2.1.0 (OASIS): each run's tool and its results. A result counts when it is a failure ({@code kind}
 * {@code fail}, the default), not suppressed and not absent from the baseline. Its severity is its
 * {@code security-severity} property (the result's, else its rule's: 9.0 critical, 7.0 high, 4.0 medium), else its
 * level ({@code error} high, {@code warning} medium, {@code note} low, {@code none} not kept). It is a secret when its
 * tool is a secrets scanner or its rule is tagged {@code secret}/{@code secrets}; otherwise static analysis. Every
 * structural problem is reported with its JSON path ({@code runs[0].results[2].level}).
 */
final class SarifReader {

  private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");
  private static final Set<String> KINDS = Set.of("pass", "open", "informational", "notApplicable", "review", "fail");
  private static final int MAX_ERRORS = 20;

  private final Set<String> secretScanners;

  SarifReader(Set<String> secretScanners) {
    this.secretScanners = secretScanners;
  }

  ParsedScan read(byte[] body) {
    JsonNode root = ScanReading.read(body, "SARIF log");
    List<FieldError> errors = new ArrayList<>();
    if (!"2.1.0".equals(root.path("version").asText(null))) {
      errors.add(new FieldError("version", "must be \"2.1.0\" (SARIF 2.1.0)"));
    }
    JsonNode runs = root.path("runs");
    if (!runs.isArray()) {
      errors.add(new FieldError("runs", "must be an array of runs"));
      throw invalid(errors);
    }
    List<Finding> findings = new ArrayList<>();
    List<String> tools = new ArrayList<>();
    for (int r = 0; r < runs.size() && errors.size() < MAX_ERRORS; r++) {
      String at = "runs[" + r + "]";
      JsonNode run = runs.get(r);
      JsonNode driver = run.path("tool").path("driver");
      String tool = driver.path("name").asText(null);
      if (!driver.path("name").isTextual() || tool.isBlank()) {
        errors.add(new FieldError(at + ".tool.driver.name", "is required"));
        continue;
      }
      tools.add(tool);
      boolean secretTool = secretScanners.contains(tool.toLowerCase(Locale.ROOT));
      JsonNode rules = driver.path("rules");
      JsonNode results = run.path("results");
      if (results.isMissingNode() || results.isNull()) {
        continue;
      }
      if (!results.isArray()) {
        errors.add(new FieldError(at + ".results", "must be an array"));
        continue;
      }
      for (int i = 0; i < results.size() && errors.size() < MAX_ERRORS; i++) {
        Finding finding = finding(results.get(i), at + ".results[" + i + "]", rules, secretTool, errors);
        if (finding != null) {
          findings.add(finding);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    return new ParsedScan(ScanFormat.SARIF, "2.1.0", String.join(", ", tools), findings, 0);
  }

  private Finding finding(JsonNode result, String at, JsonNode rules, boolean secretTool, List<FieldError> errors) {
    if (!result.isObject()) {
      errors.add(new FieldError(at, "must be a result object"));
      return null;
    }
    JsonNode message = result.path("message");
    if (!message.path("text").isTextual() && !message.path("id").isTextual()) {
      errors.add(new FieldError(at + ".message", "needs a text or an id"));
      return null;
    }
    String level = result.path("level").asText("warning");
    if (result.has("level") && !LEVELS.contains(level)) {
      errors.add(new FieldError(at + ".level", "must be one of none, note, warning, error"));
      return null;
    }
    String kind = result.path("kind").asText("fail");
    if (result.has("kind") && !KINDS.contains(kind)) {
      errors.add(new FieldError(at + ".kind", "must be one of " + KINDS));
      return null;
    }
    JsonNode rule = rule(result, rules);
    String ruleId = result.path("ruleId").asText(rule.path("id").asText(result.path("rule").path("id").asText("")));
    Double score = null;
    for (JsonNode properties : List.of(result.path("properties"), rule.path("properties"))) {
      JsonNode value = properties.path("security-severity");
      if (score == null && !value.isMissingNode() && !value.isNull()) {
        try {
          score = Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
          errors.add(new FieldError(at + ".properties.security-severity", "must be a number from 0.0 to 10.0"));
          return null;
        }
      }
    }
    boolean suppressed = false;
    for (JsonNode suppression : result.path("suppressions")) {
      String status = suppression.path("status").asText("accepted");
      suppressed |= "accepted".equals(status);
    }
    if (!"fail".equals(kind) || suppressed || "absent".equals(result.path("baselineState").asText(""))) {
      return null;
    }
    Severity severity = score != null ? Severity.ofScore(score) : switch (level) {
      case "error" -> Severity.HIGH;
      case "warning" -> Severity.MEDIUM;
      case "note" -> Severity.LOW;
      default -> null;
    };
    boolean secret = secretTool || tagged(result) || tagged(rule);
    if (severity == null && !secret) {
      return null;
    }
    return new Finding(severity == null ? Severity.LOW : severity, secret ? FindingCategory.SECRET
        : FindingCategory.SAST, ScanReading.text(com.fasterxml.jackson.databind.node.TextNode.valueOf(ruleId), 200),
        ScanReading.text(message.has("text") ? message.path("text") : message.path("id"), 1000), location(result));
  }

  private static JsonNode rule(JsonNode result, JsonNode rules) {
    int index = result.path("ruleIndex").asInt(-1);
    if (index >= 0 && index < rules.size()) {
      return rules.get(index);
    }
    String id = result.path("ruleId").asText(null);
    for (JsonNode rule : rules) {
      if (id != null && id.equals(rule.path("id").asText())) {
        return rule;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static boolean tagged(JsonNode node) {
    for (JsonNode tag : node.path("properties").path("tags")) {
      String t = tag.asText("").toLowerCase(Locale.ROOT);
      if (t.equals("secret") || t.equals("secrets")) {
        return true;
      }
    }
    return false;
  }

  private static String location(JsonNode result) {
    JsonNode physical = result.path("locations").path(0).path("physicalLocation");
    String uri = physical.path("artifactLocation").path("uri").asText("");
    int line = physical.path("region").path("startLine").asInt(0);
    String where = uri + (line > 0 ? ":" + line : "");
    return where.isEmpty() ? null : ScanReading.text(com.fasterxml.jackson.databind.node.TextNode.valueOf(where), 500);
  }

  private static ScanFormatException invalid(List<FieldError> errors) {
    return new ScanFormatException("The SARIF log has " + errors.size() + " problem" + (errors.size() == 1 ? "" : "s"),
        errors);
  }
}
