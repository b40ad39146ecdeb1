package io.changegate.change;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * One deployable target of a change, handled by the named deployment adapter. {@code independent: true}
 * on every target of a change lets their rollouts run in parallel; otherwise each target waits until the
 * one before it is healthy. A target may declare a database {@code migration} that runs before it.
 */
public record Target(
    @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,29}", message = "must be an adapter name such as 'sandbox'")
    String adapter,
    @NotBlank @Pattern(regexp = Names.PATTERN, message = Names.MESSAGE) String name,
    Boolean independent,
    @Valid Migration migration) {

  public Target(String adapter, String name) {
    this(adapter, name, null, null);
  }

  public boolean isIndependent() {
    return Boolean.TRUE.equals(independent);
  }
}
