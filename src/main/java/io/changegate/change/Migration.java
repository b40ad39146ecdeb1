package io.changegate.change;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A database migration step of a target, run through a deployment adapter before the target is deployed.
 * Its fallback is explicit: the adapter rolls it back, unless {@code restoreCheckpoint} says how to
 * restore the database by hand (then a rollback opens a task for operations with that note).
 */
public record Migration(
    @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,29}", message = "must be an adapter name such as 'sandbox'")
    String adapter,
    @NotBlank @Pattern(regexp = Names.PATTERN, message = Names.MESSAGE) String name,
    @Size(max = 2000) String restoreCheckpoint) {

  /** True when a rollback must restore a database checkpoint by hand instead of calling the adapter. */
  public boolean needsCheckpointRestore() {
    return restoreCheckpoint != null && !restoreCheckpoint.isBlank();
  }
}
