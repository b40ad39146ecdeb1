package io.changegate.monitoring.sandbox;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code changegate.sandbox}: services whose simulated health is bad, to show a failing change. */
@ConfigurationProperties("changegate.sandbox")
public record SandboxProperties(Set<String> unhealthyServices) {

  public SandboxProperties {
    unhealthyServices = unhealthyServices == null ? Set.of() : Set.copyOf(unhealthyServices);
  }
}
