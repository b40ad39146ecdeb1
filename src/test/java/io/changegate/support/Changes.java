package io.changegate.support;

import static io.changegate.support.Http.map;

import java.util.Map;

/** Change requests used across tests. */
public final class Changes {

  /** A fresh digest: each change ships a new build, so the sandbox never already runs it. */
  public static String newDigest() {
    return "sha256:" + java.util.HexFormat.of().formatHex(
        java.nio.ByteBuffer.allocate(32).putLong(System.nanoTime()).putLong(DIGESTS.incrementAndGet()).array());
  }

  private static final java.util.concurrent.atomic.AtomicLong DIGESTS = new java.util.concurrent.atomic.AtomicLong();

  private Changes() {}

  /** Fits template config-toggle: a STANDARD change. */
  public static Map<String, Object> standard(String title) {
    return map(
        "title", title,
        "service", "payments-api",
        "environment", "staging",
        "artifact", map("name", "payments-api", "version", "1.4.2", "digest", newDigest()),
        "impact", "LOW",
        "urgency", "LOW",
        "standardChangeTemplate", "config-toggle");
  }

  /** No template: a NORMAL change waiting for the CAB. */
  public static Map<String, Object> normal(String title) {
    Map<String, Object> change = standard(title);
    change.remove("standardChangeTemplate");
    change.put("impact", "MEDIUM");
    change.put("environment", "production");
    return change;
  }
}
