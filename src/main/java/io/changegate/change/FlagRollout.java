package io.changegate.change;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Phased enablement of a feature behind a flag, after the change's deployment validated: each stage sets the flag to
 * its percentage through the flag provider ({@code provider}, default {@code changegate.featureflag.default-provider}),
 * is validated and held; a failing stage switches the flag off and the change is rolled back. Stages must rise
 * strictly and end at most at 100.
 */
public record FlagRollout(
    @NotBlank @Pattern(regexp = FLAG_KEY, message = FLAG_KEY_MESSAGE) String flagKey,
    @Pattern(regexp = "[a-z][a-z0-9-]{0,29}", message = "must be a flag provider name (lower-case letters, digits, '-')")
    String provider,
    @NotEmpty @Size(max = 10) List<@NotNull @Valid FlagStage> stages) {

  /** Flag names as Unleash and flagd accept them, and safe in a URL path. */
  public static final String FLAG_KEY = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
  public static final String FLAG_KEY_MESSAGE =
      "must be 1-100 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";
}
