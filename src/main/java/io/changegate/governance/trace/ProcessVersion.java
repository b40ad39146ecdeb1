package io.changegate.governance.trace;

/**
 * A process, decision or form a change ran through: its key, the version that ran and the SHA-256 of the deployed
 * file ({@code GET /api/changes/{id}}: {@code processVersions}).
 */
public record ProcessVersion(Kind kind, String key, int version, String sha256) {

  public enum Kind { PROCESS, DECISION, FORM }
}
