package io.changegate.change;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Success criteria agreed at planning time. {@code stabilizationMinutes: 0} means no stabilization
 * period: the change completes after its first passing validation.
 */
public record ValidationSpec(
    @DecimalMin("0.0") @DecimalMax("1.0") Double errorRateMax,
    @Positive Integer latencyP95MaxMs,
    @Min(0) @Max(1440) Integer stabilizationMinutes,
    @Size(max = 20) List<@Valid SyntheticCheck> syntheticChecks) {}
