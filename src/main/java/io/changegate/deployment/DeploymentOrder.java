package io.changegate.deployment;

/**
 * One target to deploy. The idempotency key (change id + target + digest) is sent to every system
 * that accepts one; adapters also ask the target what it runs before acting.
 */
public record DeploymentOrder(
    String changeId,
    String idempotencyKey,
    String target,
    String service,
    String environment,
    String version,
    String digest,
    boolean dryRun) {

  /** True when {@code release} is exactly what this order would deploy. */
  public boolean isSatisfiedBy(Release release) {
    if (release == null) {
      return false;
    }
    return digest != null ? digest.equals(release.digest())
        : version != null && version.equals(release.version());
  }
}
