package io.changegate.deployment;

import io.changegate.change.TargetAdapters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The configured deployment adapters, by name. */
@Component
public class DeploymentAdapters implements TargetAdapters {

  private final Map<String, DeploymentPort> byName = new TreeMap<>();
  private final String defaultAdapter;

  public DeploymentAdapters(List<DeploymentPort> adapters, DeploymentProperties properties) {
    adapters.forEach(a -> byName.put(a.adapter(), a));
    this.defaultAdapter = properties.defaultAdapter();
    if (!byName.containsKey(defaultAdapter)) {
      throw new IllegalStateException("changegate.deployment.default-adapter '" + defaultAdapter
          + "' is not one of the configured adapters " + byName.keySet());
    }
  }

  @Override
  public Set<String> names() {
    return byName.keySet();
  }

  @Override
  public String defaultAdapter() {
    return defaultAdapter;
  }

  @Override
  public Set<String> simulators() {
    Set<String> simulators = new java.util.TreeSet<>();
    byName.forEach((name, port) -> {
      if (port.simulator()) {
        simulators.add(name);
      }
    });
    return simulators;
  }

  /** The adapter a target or migration uses: the one it names, else the default. */
  public String nameOf(String declared) {
    return declared == null ? defaultAdapter : declared;
  }

  public DeploymentPort get(String name) {
    DeploymentPort port = byName.get(name);
    if (port == null) {
      throw new IllegalArgumentException("no deployment adapter '" + name + "' (configured: " + byName.keySet() + ")");
    }
    return port;
  }
}
