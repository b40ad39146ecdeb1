package io.changegate.change;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** One deployable target of a change, handled by the named deployment adapter. */
public record Target(
    @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,29}", message = "must be an adapter name such as 'sandbox'")
    String adapter,
    @NotBlank @Pattern(regexp = Names.PATTERN, message = Names.MESSAGE) String name) {}
