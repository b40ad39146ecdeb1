package io.changegate.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.web.FieldError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SARIF and CycloneDX readers without Spring: severities, categories, and where a malformed scan is wrong. */
class ScanReadersTest {

  private final SarifReader sarif = new SarifReader(Set.of("secretlint", "gitleaks"));
  private final CycloneDxReader cyclonedx = new CycloneDxReader();

  static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  static final String SARIF = """
      {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "semgrep", "rules": [
        {"id": "sql-injection", "properties": {"security-severity": "9.8"}},
        {"id": "weak-hash", "properties": {"tags": ["security"]}},
        {"id": "hardcoded-key", "properties": {"tags": ["secrets"]}}]}},
       "results": [
        {"ruleId": "sql-injection", "ruleIndex": 0, "level": "error", "message": {"text": "tainted SQL"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/Db.java"}, "region": {"startLine": 42}}}]},
        {"ruleId": "weak-hash", "level": "warning", "message": {"text": "MD5"}},
        {"ruleId": "weak-hash", "level": "note", "message": {"text": "MD5 again"}, "suppressions": [{"kind": "inSource"}]},
        {"ruleId": "hardcoded-key", "level": "note", "message": {"text": "a key"}},
        {"ruleId": "x", "kind": "pass", "message": {"text": "fine"}}]}]}""";

  @Test
  void sarifFindingsBySeverityAndCategory() {
    ParsedScan scan = sarif.read(bytes(SARIF));
    assertThat(scan.tool()).isEqualTo("semgrep");
    assertThat(scan.findings()).hasSize(3);
    assertThat(scan.findings().get(0)).isEqualTo(new Finding(Severity.CRITICAL, FindingCategory.SAST, "sql-injection",
        "tainted SQL", "src/Db.java:42"));
    assertThat(scan.count(Severity.MEDIUM)).isEqualTo(1);
    assertThat(scan.secrets()).as("tagged secrets").isEqualTo(1);
  }

  @Test
  void aSecretsScannersResultsAreSecrets() {
    ParsedScan scan = sarif.read(bytes("""
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "secretlint"}}, "results": [
          {"ruleId": "aws", "level": "error", "message": {"text": "found AWS Secret Access Key: ****"}}]}]}"""));
    assertThat(scan.secrets()).isEqualTo(1);
    assertThat(scan.count(Severity.HIGH)).isEqualTo(1);
  }

  @Test
  void malformedSarifSaysWhere() {
    assertThatThrownBy(() -> sarif.read(bytes("""
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "semgrep"}}, "results": [
          {"ruleId": "a", "message": {"text": "ok"}},
          {"ruleId": "b", "level": "catastrophic", "message": {"text": "bad"}},
          {"ruleId": "c"}]}]}""")))
        .isInstanceOfSatisfying(ScanFormatException.class, e -> assertThat(e.errors()).containsExactly(
            new FieldError("runs[0].results[1].level", "must be one of none, note, warning, error"),
            new FieldError("runs[0].results[2].message", "needs a text or an id")));
    assertThatThrownBy(() -> sarif.read(bytes("{\"version\": \"2.0.0\", \"runs\": {}}")))
        .isInstanceOfSatisfying(ScanFormatException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
            .containsExactly("version", "runs"));
    assertThatThrownBy(() -> sarif.read(bytes("{\"version\": \"2.1.0\",\n \"runs\": [}")))
        .isInstanceOfSatisfying(ScanFormatException.class, e -> assertThat(e.errors().get(0).field())
            .isEqualTo("line 2, column 11"));
  }

  static final String SBOM = """
      {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
       "components": [{"type": "library", "bom-ref": "pkg:maven/org.example/lib@1.0", "name": "lib", "version": "1.0"}],
       "vulnerabilities": [
        {"id": "CVE-2025-0001", "description": "deserialization", "ratings": [{"severity": "high", "score": 8.1}],
         "affects": [{"ref": "pkg:maven/org.example/lib@1.0"}]},
        {"id": "CVE-2025-0002", "ratings": [{"score": 5.0}]},
        {"id": "CVE-2025-0003", "ratings": [{"severity": "info"}]}]}""";

  @Test
  void cycloneDxVulnerabilitiesAreComponentFindings() {
    ParsedScan scan = cyclonedx.read(bytes(SBOM));
    assertThat(scan.specVersion()).isEqualTo("1.6");
    assertThat(scan.components()).isEqualTo(1);
    assertThat(scan.findings()).containsExactly(
        new Finding(Severity.HIGH, FindingCategory.SCA, "CVE-2025-0001", "deserialization",
            "pkg:maven/org.example/lib@1.0"),
        new Finding(Severity.MEDIUM, FindingCategory.SCA, "CVE-2025-0002", "CVE-2025-0002", null));
  }

  @Test
  void malformedCycloneDxSaysWhere() {
    assertThatThrownBy(() -> cyclonedx.read(bytes(SBOM.replace("\"high\"", "\"apocalyptic\""))))
        .isInstanceOfSatisfying(ScanFormatException.class, e -> assertThat(e.errors())
            .anySatisfy(error -> assertThat(error.field()).isEqualTo("vulnerabilities[0].ratings[0].severity")));
    assertThatThrownBy(() -> cyclonedx.read(bytes(SBOM.replace("\"1.6\"", "\"1.2\""))))
        .isInstanceOfSatisfying(ScanFormatException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
            .containsExactly("specVersion"));
  }

  @Test
  void changegatesOwnSbomFromTheCycloneDxMavenPlugin() throws Exception {
    Path sbom = Path.of("target/changegate-sbom.json");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(sbom), "the build makes it before the tests");
    ParsedScan scan = cyclonedx.read(Files.readAllBytes(sbom));
    assertThat(scan.specVersion()).isEqualTo("1.6");
    assertThat(scan.components()).isGreaterThan(50);
  }
}
