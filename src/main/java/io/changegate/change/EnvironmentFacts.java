package io.changegate.change;

import java.util.List;

/**
 * What the governance of a change needs to know of its environment, from the environment catalog.
 *
 * @param name the environment's name (as changes name it)
 * @param kind production, pre-production, test or development: the only source of "is this production"
 * @param ownerGroup the group that owns the environment and signs off changes to it
 * @param allowedAdapters the deployment adapters a change's targets may use there, in order of preference
 * @param promotionOrder position in the promotion order (1 first), or {@code null} when outside it
 */
public record EnvironmentFacts(String name, EnvironmentKind kind, String ownerGroup, List<String> allowedAdapters,
    Integer promotionOrder) {

  public EnvironmentFacts {
    allowedAdapters = List.copyOf(allowedAdapters);
  }

  /**
   * The adapter of a target that names none: the configured default when the environment allows it, else the
   * environment's first allowed adapter.
   */
  public String adapterFor(String configuredDefault) {
    return allowedAdapters.contains(configuredDefault) || allowedAdapters.isEmpty() ? configuredDefault
        : allowedAdapters.get(0);
  }
}
