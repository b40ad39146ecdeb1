package io.changegate.engine;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Marks the deployments Changegate makes itself: the product's models at start ({@code ProductResourceDeployer},
 * the approved baseline of a release) and the activation of an approved model change. Every other deployment,
 * whoever makes it and by whichever route, is a proposal: the model governance makes it a model change.
 */
@Component
public class SystemDeployments {

  private final ThreadLocal<String> reason = new ThreadLocal<>();

  /** Runs {@code deployment} as a system deployment on this thread. */
  public <T> T run(String why, Supplier<T> deployment) {
    String outer = reason.get();
    reason.set(why);
    try {
      return deployment.get();
    } finally {
      if (outer == null) {
        reason.remove();
      } else {
        reason.set(outer);
      }
    }
  }

  /** Whether the deployment being made on this thread is Changegate's own. */
  public boolean active() {
    return reason.get() != null;
  }
}
