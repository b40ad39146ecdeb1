package io.changegate.support;

import java.time.Duration;
import java.util.Map;

/**
 * A HIGH-risk production change is signed off only after the rollback of its digest was rehearsed in staging: tests
 * that walk one through its sign-offs rehearse the rollback of the staging change that validated the digest.
 */
public final class Rehearsals {

  private Rehearsals() {}

  /** Rehearses the rollback of the COMPLETED staging change (as ops-engineer) and waits until it is rolled back. */
  public static void rehearse(int port, String stagingChangeId) {
    Http.Response asked = Http.as(port, "ops-engineer").post("/api/changes/" + stagingChangeId + "/rehearse-rollback",
        Map.of("reason", "rehearsal before the production change"));
    if (asked.status() != 202) {
      throw new IllegalStateException("rehearsal of " + stagingChangeId + " refused: " + asked);
    }
    String status = Await.until(Duration.ofSeconds(60), () -> Http.as(port, "auditor")
            .get("/api/changes/" + stagingChangeId).json().path("status").asText(),
        s -> s.equals("ROLLED_BACK") || s.equals("FAILED"), stagingChangeId + " rolled back on purpose");
    if (!"ROLLED_BACK".equals(status)) {
      throw new IllegalStateException("the rehearsal of " + stagingChangeId + " ended " + status);
    }
  }
}
