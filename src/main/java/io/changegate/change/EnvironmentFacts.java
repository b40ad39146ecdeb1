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
 * @param capacity how many deployments it takes at once, or {@code null} when the catalog does not say (the
 *     configured default then applies)
 */
public record EnvironmentFacts(String name, EnvironmentKind kind, String ownerGroup, List<String> allowedAdapters,
    Integer promotionOrder, Integer capacity) {

  public EnvironmentFacts {
    allowedAdapters = List.copyOf(allowedAdapters);
  }

  /** Facts without a capacity: the configured slot limit applies. */
  public EnvironmentFacts(String name, EnvironmentKind kind, String ownerGroup, List<String> allowedAdapters,
      Integer promotionOrder) {
    this(name, kind, ownerGroup, allowedAdapters, promotionOrder, null);
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
