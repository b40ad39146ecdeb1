package io.changegate.supplychain;

import java.util.Arrays;
import java.util.Optional;

/** The scan formats Changegate reads, by the media type they are posted with. */
public enum ScanFormat {
  /** SARIF 2.1.0: static analysis and secrets scanners. */
  SARIF("application/sarif+json"),
  /** CycloneDX 1.5 or 1.6 JSON with vulnerabilities: software composition analysis. */
  CYCLONEDX("application/vnd.cyclonedx+json");

  private final String mediaType;

  ScanFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The format of a {@code Content-Type} (parameters such as {@code version=1.6} are ignored). */
  public static Optional<ScanFormat> ofContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String type = contentType.split(";", 2)[0].trim();
    return Arrays.stream(values()).filter(f -> f.mediaType.equalsIgnoreCase(type)).findFirst();
  }
}
