package io.changegate.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hash each DEPLOYED entry carries of what the deployment ran with: stable, and sensitive to every part. */
class DeploymentConfigurationHashTest {

  static DeploymentOrder order(String version) {
    return new DeploymentOrder("CHG-1", "CHG-1:api:sha256:aa", DeploymentOrder.Kind.DEPLOY, "api", "api", "staging",
        version, "sha256:aa", false);
  }

  @Test
  void sameSettingsInAnyOrderSameHashAnotherValueAnotherHash() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("adapter", "argocd");
    settings.put("url", "https://argocd.example.com");
    settings.put("tokenProperty", "CHANGEGATE_ARGOCD_TOKEN");
    Map<String, Object> reordered = new LinkedHashMap<>();
    reordered.put("tokenProperty", "CHANGEGATE_ARGOCD_TOKEN");
    reordered.put("url", "https://argocd.example.com");
    reordered.put("adapter", "argocd");

    String hash = DeploymentService.configurationSha256(settings, order("1.0.0"));
    assertThat(hash).matches("[0-9a-f]{64}");
    assertThat(DeploymentService.configurationSha256(reordered, order("1.0.0"))).isEqualTo(hash);
    assertThat(DeploymentService.configurationSha256(settings, order("1.0.1"))).isNotEqualTo(hash);
    reordered.put("url", "https://argocd-2.example.com");
    assertThat(DeploymentService.configurationSha256(reordered, order("1.0.0"))).isNotEqualTo(hash);
  }
}
