package io.changegate.supplychain;

import java.time.Instant;

/** A stored scan of a digest: what it was, who sent it, its findings counted by severity. */
public record ScanRecord(long id, String digest, ScanFormat format, String specVersion, String tool,
    String submittedBy, Instant submittedAt, int critical, int high, int medium, int low, int secrets, int components,
    String sha256) {}
