package io.changegate.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code PUT /api/changes/{id}/outcomes}: the KPIs a change is judged by — each with a {@code name}, {@code unit},
 * which way is {@code better} (HIGHER or LOWER), the {@code promql} that measures it (kept for the record), and its
 * value {@code before} and {@code after} the deployment (72 hours after, by convention) — and the A/B
 * {@code experiment} with its {@code verdict} (PENDING, WIN, LOSS, INCONCLUSIVE). A KPI named again replaces its
 * earlier values.
 */
public record OutcomesRequest(@Size(max = 20) List<@NotNull @Valid Kpi> kpis, @Valid Experiment experiment) {

  public record Kpi(
      @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9 ._:/%-]+", message = "must be a short KPI name")
      String name,
      @Size(max = 30) String unit,
      @NotBlank @Pattern(regexp = "HIGHER|LOWER", message = "must be HIGHER or LOWER") String better,
      @Size(max = 2000) String promql,
      Double before,
      Double after) {}

  public record Experiment(
      @NotBlank @Size(max = 300) String reference,
      @NotBlank @Pattern(regexp = "PENDING|WIN|LOSS|INCONCLUSIVE", message = "must be PENDING, WIN, LOSS or INCONCLUSIVE")
      String verdict) {}
}
