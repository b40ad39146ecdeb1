package io.changegate.delivery;

/**
 * The DORA figures of a set of deployments over a period. A figure without data is null (no deployment: no lead
 * time, no failure rate; no failure: no recovery time). {@code leadTimeBasis}: {@code COMMIT} when every lead time
 * counted from the pipeline's commit time, {@code CHANGE_CREATION} when none did, {@code MIXED} otherwise (the two
 * counts say how many). Failures are counted once each, under the first of their causes in the order rolled back,
 * failed, incident linked, followed by an emergency fix.
 */
public record DoraFigures(
    int deployments,
    double days,
    double deploymentsPerWeek,
    Double leadTimeMedianHours,
    Double leadTimeP90Hours,
    String leadTimeBasis,
    int leadTimeFromCommit,
    int leadTimeFromCreation,
    int failures,
    int failedRolledBack,
    int failedDeployment,
    int failedIncidentLinked,
    int failedEmergencyFix,
    Double changeFailureRate,
    Double recoveryMedianHours,
    Double recoveryP90Hours,
    int recovered,
    int unrecovered,
    int rework,
    Double reworkRate) {

  /** The value of {@code key}, or null when there is no data for it. */
  public Double value(DoraKey key) {
    return switch (key) {
      case DEPLOYMENT_FREQUENCY -> deploymentsPerWeek;
      case LEAD_TIME_FOR_CHANGES -> leadTimeMedianHours;
      case CHANGE_FAILURE_RATE -> changeFailureRate;
      case FAILED_DEPLOYMENT_RECOVERY_TIME -> recoveryMedianHours;
      case DEPLOYMENT_REWORK_RATE -> reworkRate;
    };
  }
}
