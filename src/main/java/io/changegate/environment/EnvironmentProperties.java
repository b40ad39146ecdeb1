package io.changegate.environment;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code changegate.environments}: environments the catalog is seeded with at start (each one only if the catalog
 * has no environment of that name yet; later edits through the API are kept). The demo profile seeds the demo's
 * environments; elsewhere the catalog is kept through {@code /api/environments}.
 *
 * @param seed environments written at start when absent, validated like a {@code POST /api/environments}
 */
@ConfigurationProperties("changegate.environments")
public record EnvironmentProperties(List<EnvironmentRequest> seed) {

  public EnvironmentProperties {
    seed = seed == null ? List.of() : List.copyOf(seed);
  }
}
