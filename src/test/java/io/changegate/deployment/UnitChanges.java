package io.changegate.deployment;

import io.changegate.change.Artifact;
import io.changegate.change.Change;
import io.changegate.change.ChangeStatus;
import io.changegate.change.Level;
import io.changegate.change.Target;
import io.changegate.change.ValidationSpec;
import java.time.Instant;
import java.util.List;

/** Changes for unit tests: only what the rule under test reads is set. */
public final class UnitChanges {

  static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");

  private UnitChanges() {}

  public static Change change(String id, String service, String environment, String digest) {
    return change(id, service, environment, digest, null);
  }

  public static Change change(String id, String service, String environment, String digest, ValidationSpec validation) {
    return new Change(id, "Unit " + id, null, service, environment, new Artifact(service, "1.2.3", digest),
        Level.LOW, Level.LOW, false, false, null, false, null, null, null, List.of(new Target("sandbox", service)),
        null, validation, false, "requester", ChangeStatus.DEPLOYING, null, null, null, CREATED, CREATED);
  }
}
