package io.changegate.featureflag;

import io.changegate.change.FlagProviders;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The configured flag adapters by provider name; the intake's list of providers ({@link FlagProviders}). */
@Component
public class FlagAdapters implements FlagProviders {

  private final Map<String, FlagPort> byName = new TreeMap<>();
  private final FeatureFlagProperties properties;

  public FlagAdapters(List<FlagPort> ports, FeatureFlagProperties properties) {
    ports.forEach(port -> byName.put(port.provider(), port));
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
