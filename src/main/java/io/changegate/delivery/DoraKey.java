package io.changegate.delivery;

/**
 * The five DORA keys (2024) and the unit each is measured in. Throughput: deployment frequency (deployments per
 * week) and lead time for changes (hours). Instability: change failure rate (percent of deployments), failed-deployment
 * recovery time (hours) and deployment rework rate (percent of deployments). The names are the {@code key} input of
 * the {@code dora-tiers} decision.
 */
public enum DoraKey {
  DEPLOYMENT_FREQUENCY("deploymentFrequency", "deployments per week"),
  LEAD_TIME_FOR_CHANGES("leadTimeForChanges", "hours (median)"),
  CHANGE_FAILURE_RATE("changeFailureRate", "percent"),
  FAILED_DEPLOYMENT_RECOVERY_TIME("failedDeploymentRecoveryTime", "hours (median)"),
  DEPLOYMENT_REWORK_RATE("deploymentReworkRate", "percent");

  private final String id;
  private final String unit;

  DoraKey(String id, String unit) {
    this.id = id;
    this.unit = unit;
  }

  /** The key's name in the API, the Excel report and the decision table. */
  public String id() {
    return id;
  }

  public String unit() {
    return unit;
  }
}
