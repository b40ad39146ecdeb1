package io.changegate.deployment;

/**
 * What an adapter reports after a deploy or rollback call. A business refusal by the target is
 * {@code succeeded = false}; a technical failure (timeout, 5xx, connection refused) is an exception,
 * so the engine retries the job and raises an incident when retries run out. {@code output} is what the
 * system answered (response body, command output), kept as forensic evidence; it never holds credentials.
 */
public record DeploymentOutcome(boolean succeeded, String detail, String externalRef, String output) {

  public static DeploymentOutcome success(String detail, String externalRef) {
    return new DeploymentOutcome(true, detail, externalRef, null);
  }

  public static DeploymentOutcome success(String detail, String externalRef, String output) {
    return new DeploymentOutcome(true, detail, externalRef, output);
  }

  public static DeploymentOutcome refused(String detail) {
    return new DeploymentOutcome(false, detail, null, null);
  }

  public static DeploymentOutcome refused(String detail, String output) {
    return new DeploymentOutcome(false, detail, null, output);
  }
}
