package io.changegate.supplychain;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.scans}: the environments where a change's artifact must have been scanned (the decision
 * {@code security-scan-gate} reads it as {@code scanRequired}), and the SARIF tools whose every finding is a secret.
 */
@ConfigurationProperties("changegate.scans")
public record ScanProperties(
    @DefaultValue("") List<String> requiredEnvironments,
    @DefaultValue({"secretlint", "gitleaks", "trufflehog", "detect-secrets", "ggshield"}) List<String> secretScanners) {

  public boolean requiredIn(String environment) {
    return requiredEnvironments.contains(environment);
  }

  Set<String> secretScannerNames() {
    return secretScanners.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
  }
}
