package io.changegate.deployment;

/**
 * One call to a deployment system: deploy a target (or run its database migration) at the change's
 * artifact. The idempotency key (change id + target + digest) is sent to every system that accepts one;
 * before acting, Changegate also asks the target what it runs.
 */
public record DeploymentOrder(
    String changeId,
    String idempotencyKey,
    Kind kind,
    String target,
    String service,
    String environment,
    String version,
    String digest,
    boolean dryRun) {

  /** What the call does to the target. */
  public enum Kind {
    /** Deploys the target's application. */
    DEPLOY,
    /** Runs the target's database migration (before its deploy). */
    MIGRATION
  }

  /** True when {@code release} is exactly what this order would deploy. */
  public boolean isSatisfiedBy(Release release) {
    if (release == null) {
      return false;
    }
    if (digest != null && release.digest() != null) {
      return digest.equals(release.digest());
    }
    // the target reports no digest (e.g. a Git revision only): the version is all it can tell
    return version != null && version.equals(release.version());
  }

  /** The same call, aimed at putting {@code release} back (a rollback). */
  public DeploymentOrder restoring(Release release) {
    return new DeploymentOrder(changeId, "rollback:" + idempotencyKey, kind, target, service, environment,
        release == null ? null : release.version(), release == null ? null : release.digest(), dryRun);
  }

  /** The same order under another idempotency key (a rollback's own key). */
  public DeploymentOrder withIdempotencyKey(String key) {
    return new DeploymentOrder(changeId, key, kind, target, service, environment, version, digest, dryRun);
  }

  public String describe() {
    return (kind == Kind.MIGRATION ? "migration " : "") + target + " " + version
        + (digest == null ? "" : " (" + digest + ")") + " in " + environment;
  }
}
