package io.changegate.change;

import java.util.Set;

/**
 * The feature-flag providers a change's {@code flagRollout} may name, as the intake needs them. The featureflag
 * capability implements it; the change core names no other capability.
 */
public interface FlagProviders {

  /** The configured providers ({@code sandbox}, {@code unleash}, {@code flagd}). */
  Set<String> names();

  /** The provider of a rollout that names none. */
  String defaultProvider();
}
