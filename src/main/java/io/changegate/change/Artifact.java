package io.changegate.change;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What is deployed: a name, a version and (optionally) the immutable content digest. */
public record Artifact(
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Size(max = 100) String version,
    @Pattern(regexp = "sha256:[0-9a-fA-F]{64}", message = "must be 'sha256:' followed by 64 hex digits")
    String digest) {

  /** The same artifact with its digest in canonical (lower-case) form. */
  public Artifact normalized() {
    return new Artifact(name, version, digest == null ? null : digest.toLowerCase(java.util.Locale.ROOT));
  }
}
