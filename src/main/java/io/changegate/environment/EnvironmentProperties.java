package io.changegate.environment;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.environments}: environments the catalog is seeded with at start (each one only if the catalog
 * has no environment of that name yet; later edits through the API are kept). The demo profile seeds the demo's
 * environments; elsewhere the catalog is kept through {@code /api/environments}.
 *
 * @param seed environments written at start when absent, validated like a {@code POST /api/environments}
 * @param idleDays a non-production environment without a deployment or a booking for this many days is idle: its
 *     owner group is asked once per idle period whether to decommission it ({@link Decommissions})
 */
@ConfigurationProperties("changegate.environments")
public record EnvironmentProperties(List<EnvironmentRequest> seed, @DefaultValue("30") int idleDays) {

  public EnvironmentProperties {
    seed = seed == null ? List.of() : List.copyOf(seed);
  }
}
