package io.changegate.change;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Where a change's artifact came from, as the pipeline that built it says: the commit ({@code sha}, 7–64 hex
 * digits), its {@code repository} (an http(s) URL or an {@code owner/name} path), the commit {@code time} (ISO-8601,
 * not in the future: lead time for changes counts from it), the {@code pipelineUrl} of the run and the
 * {@code configurationRevision} it deployed with. Optional as a whole; when given, {@code sha} and {@code time} are
 * required.
 */
public record Commit(
    @NotBlank @Pattern(regexp = SHA, message = "must be 7 to 64 hexadecimal digits") String sha,
    @Size(max = 300) @Pattern(regexp = REPOSITORY, message = REPOSITORY_MESSAGE) String repository,
    @NotNull OffsetDateTime time,
    @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http or https URL") String pipelineUrl,
    @Size(max = 200) @Pattern(regexp = REVISION, message = REVISION_MESSAGE) String configurationRevision) {

  static final String SHA = "[0-9a-fA-F]{7,64}";
  static final String URL = "https?://[^\\s\"<>\\\\]+";
  static final String REPOSITORY = URL + "|[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*){1,4}";
  static final String REPOSITORY_MESSAGE =
      "must be an http or https URL or a repository path such as 'payments/payments-api'";
  static final String REVISION = "[A-Za-z0-9][A-Za-z0-9._:/@+-]*";
  static final String REVISION_MESSAGE = "must be letters, digits and '.', '_', ':', '/', '@', '+' or '-'";

  /** The same commit with its sha in lower case and its time in UTC. */
  public Commit normalized() {
    return new Commit(sha == null ? null : sha.toLowerCase(Locale.ROOT), blankToNull(repository),
        time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC), blankToNull(pipelineUrl),
        blankToNull(configurationRevision));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
