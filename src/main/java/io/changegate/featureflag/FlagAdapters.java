package io.changegate.featureflag;

import io.changegate.change.FlagProviders;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The configured flag adapters by provider name; the intake's list of providers ({@link FlagProviders}). A simulator
 * (the sandbox) is offered only in the demo profile: elsewhere a flag rollout naming it, or relying on it as the
 * default provider, is refused at intake, as a simulated deployment is.
 */
@Component
public class FlagAdapters implements FlagProviders {

  private final Map<String, FlagPort> byName = new TreeMap<>();
  private final FeatureFlagProperties properties;

  public FlagAdapters(List<FlagPort> ports, FeatureFlagProperties properties, Environment spring) {
    boolean demo = spring.acceptsProfiles(Profiles.of("demo"));
    ports.stream().filter(port -> demo || !port.simulator()).forEach(port -> byName.put(port.provider(), port));
    this.properties = properties;
  }

  @Override
  public Set<String> names() {
    return byName.keySet();
  }

  @Override
  public String defaultProvider() {
    return properties.defaultProvider();
  }

  /** The adapter of {@code provider} (the default when null). */
  public FlagPort get(String provider) {
    String name = provider == null ? properties.defaultProvider() : provider;
    FlagPort port = byName.get(name);
    if (port == null) {
      throw new IllegalStateException("flag provider '" + name + "' is not configured (configured: "
          + String.join(", ", byName.keySet()) + ")");
    }
    return port;
  }
}
