package io.changegate.deployment.sandbox;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code changegate.deployment.sandbox}: versions whose simulated rollout turns Degraded (entries
 * {@code version} or {@code target@version}), to show a rollback in the demo.
 */
@ConfigurationProperties("changegate.deployment.sandbox")
public record SandboxDeploymentProperties(Set<String> degradedVersions) {

  public SandboxDeploymentProperties {
    degradedVersions = degradedVersions == null ? Set.of() : Set.copyOf(degradedVersions);
  }
}
