package io.changegate.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What a service account's token may do on {@code /api}; nothing else is open to it. */
public enum ServiceAccountAction {
  /** {@code POST /api/changes} for its services and environments. */
  SUBMIT_CHANGES("submit-changes"),
  /** {@code GET /api/changes/{id}} of a change of its services and environments, {@code GET} of a digest's scans. */
  READ_CHANGES("read-changes"),
  /** {@code POST /api/artifacts/{digest}/scans}. */
  SUBMIT_SCANS("submit-scans");

  private final String wire;

  ServiceAccountAction(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** The Spring authority a token with this action holds. */
  public String authority() {
    return "SCOPE_" + wire;
  }

  public static Optional<ServiceAccountAction> of(String wire) {
    return Arrays.stream(values()).filter(a -> a.wire.equals(wire)).findFirst();
  }

  @JsonCreator
  static ServiceAccountAction fromJson(String wire) {
    return of(wire).orElseThrow(() -> new IllegalArgumentException("unknown action " + wire));
  }
}
