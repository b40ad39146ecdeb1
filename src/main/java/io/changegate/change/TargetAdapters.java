package io.changegate.change;

import java.util.Set;

/**
 * The deployment systems a change's targets may name, as the intake of a change needs them. The deployment capability
 * implements it; the change core names no other capability.
 */
public interface TargetAdapters {

  /** The names of the configured adapters ({@code sandbox}, {@code argocd}, ...). */
  Set<String> names();

  /** The adapter of a target that names none. */
  String defaultAdapter();

  /**
   * The adapters that only simulate a deployment (the sandbox): allowed in the demo profile only, and a deployment
   * through one earns a digest no promotion to an environment deployed for real.
   */
  default Set<String> simulators() {
    return Set.of();
  }
}
