package io.changegate.deployment;

/**
 * What a target runs: a version and, where known, the content digest, and the deployment system's own
 * reference to it (an Argo CD history id, a Jenkins build number), which a rollback returns to.
 */
public record Release(String version, String digest, String reference) {

  public Release(String version, String digest) {
    this(version, digest, null);
  }

  @Override
  public String toString() {
    return version + (digest == null ? "" : " (" + digest + ")") + (reference == null ? "" : " [" + reference + "]");
  }
}
