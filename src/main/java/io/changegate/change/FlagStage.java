package io.changegate.change;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * One stage of a feature-flag rollout: the share of users that sees the feature ({@code percent}, 1-100), how long
 * the stage is validated ({@code validationMinutes}: a validation round at once and then every
 * {@code changegate.deployment.validation-interval} until they are over; 0 or absent: one round) and how long it is
 * then held before the next stage ({@code holdMinutes}; 0 or absent: none).
 */
public record FlagStage(
    @NotNull @Min(1) @Max(100) Integer percent,
    @Min(0) @Max(1440) Integer validationMinutes,
    @Min(0) @Max(10080) Integer holdMinutes) {

  public int validationMinutesOrZero() {
    return validationMinutes == null ? 0 : validationMinutes;
  }

  public int holdMinutesOrZero() {
    return holdMinutes == null ? 0 : holdMinutes;
  }
}
