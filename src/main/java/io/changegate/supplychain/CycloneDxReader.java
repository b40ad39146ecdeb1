package io.changegate.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import io.changegate.web.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.vulnerability.Vulnerability;
import org.cyclonedx.parsers.JsonParser;

/**
 * Reads a CycloneDX 1.5 or 1.6 JSON BOM with the official CycloneDX library: validated against the specification's
 * own JSON schema (each violation reported with its JSON path), then parsed. Each vulnerability is a software
 * composition finding with its worst rating (severity, else score), naming the components it affects; a
 * vulnerability rated only info, none or unknown is not kept.
 */
final class CycloneDxReader {

  private static final Map<String, Version> VERSIONS = Map.of("1.5", Version.VERSION_15, "1.6", Version.VERSION_16);
  private static final int MAX_ERRORS = 20;

  ParsedScan read(byte[] body) {
    JsonNode root = ScanReading.read(body, "CycloneDX BOM");
    List<FieldError> errors = new ArrayList<>();
    if (!"CycloneDX".equals(root.path("bomFormat").asText(null))) {
      errors.add(new FieldError("bomFormat", "must be \"CycloneDX\""));
    }
    String specVersion = root.path("specVersion").asText(null);
    Version version = specVersion == null ? null : VERSIONS.get(specVersion);
    if (version == null) {
      errors.add(new FieldError("specVersion", "must be \"1.5\" or \"1.6\""));
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    JsonParser parser = new JsonParser();
    try {
      for (ParseException problem : parser.validate(root, version)) {
        if (errors.size() == MAX_ERRORS) {
          break;
        }
        errors.add(fieldError(problem.getMessage()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    Bom bom;
    try {
      bom = parser.parse(body);
    } catch (ParseException e) {
      throw invalid(List.of(new FieldError("body", e.getMessage())));
    }
    List<Finding> findings = new ArrayList<>();
    for (Vulnerability vulnerability : bom.getVulnerabilities() == null ? List.<Vulnerability>of()
        : bom.getVulnerabilities()) {
      Severity severity = worst(vulnerability.getRatings());
      if (severity == null) {
        continue;
      }
      String id = vulnerability.getId() == null ? "" : vulnerability.getId();
      String affects = vulnerability.getAffects() == null ? null : vulnerability.getAffects().stream()
          .map(Vulnerability.Affect::getRef).filter(r -> r != null && !r.isBlank())
          .collect(Collectors.joining(", "));
      String message = vulnerability.getDescription() == null || vulnerability.getDescription().isBlank() ? id
          : vulnerability.getDescription();
      findings.add(new Finding(severity, FindingCategory.SCA, cut(id, 200), cut(message, 1000),
          affects == null || affects.isEmpty() ? null : cut(affects, 500)));
    }
    String tool = root.path("metadata").path("tools").path("components").path(0).path("name")
        .asText(root.path("metadata").path("tools").path(0).path("name").asText("CycloneDX"));
    int components = bom.getComponents() == null ? 0 : bom.getComponents().size();
    return new ParsedScan(ScanFormat.CYCLONEDX, specVersion, cut(tool, 200), findings, components);
  }

  private static Severity worst(List<Vulnerability.Rating> ratings) {
    Severity worst = null;
    for (Vulnerability.Rating rating : ratings == null ? List.<Vulnerability.Rating>of() : ratings) {
      Severity severity = null;
      if (rating.getSeverity() != null) {
        severity = switch (rating.getSeverity()) {
          case CRITICAL -> Severity.CRITICAL;
          case HIGH -> Severity.HIGH;
          case MEDIUM -> Severity.MEDIUM;
          case LOW -> Severity.LOW;
          default -> null;
        };
      }
      if (severity == null && rating.getScore() != null) {
        severity = Severity.ofScore(rating.getScore());
      }
      if (severity != null && (worst == null || severity.ordinal() < worst.ordinal())) {
        worst = severity;
      }
    }
    return worst;
  }

  /** The schema validator's "$.path: what is wrong" as a field error. */
  private static FieldError fieldError(String message) {
    if (message != null && message.startsWith("$")) {
      int colon = message.indexOf(": ");
      if (colon > 0) {
        String path = message.substring(0, colon);
        return new FieldError(path.equals("$") ? "$" : path.substring(2), message.substring(colon + 2));
      }
    }
    return new FieldError("$", message == null ? "does not match the CycloneDX schema" : message);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static ScanFormatException invalid(List<FieldError> errors) {
    return new ScanFormatException("The CycloneDX BOM has " + errors.size() + " problem"
        + (errors.size() == 1 ? "" : "s"), errors);
  }
}
