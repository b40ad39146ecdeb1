package io.changegate.change;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Checks before the traffic switch: synthetic HTTP checks against the preview or canary endpoint of the new version,
 * run once every target's rollout is healthy and before the "Promote" step. {@code checks} as in
 * {@code validation.syntheticChecks}; with none, {@code previewUrl} is checked for a 200. A change without this block
 * uses the service's {@code changegate.deployment.pre-traffic.services.<service>.preview-url}, if any.
 */
public record PreTraffic(
    @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL") @Size(max = 2000) String previewUrl,
    @Size(max = 20) List<@Valid SyntheticCheck> checks) {

  @JsonIgnore
  public boolean isEmpty() {
    return (previewUrl == null || previewUrl.isBlank()) && (checks == null || checks.isEmpty());
  }
}
