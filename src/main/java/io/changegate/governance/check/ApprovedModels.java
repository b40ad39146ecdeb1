package io.changegate.governance.check;

import io.changegate.governance.ModelKind;
import java.util.Optional;

/** The approved version of each model: the latest definition under its real key. */
public interface ApprovedModels {

  /** A deployed definition and the file it came from. */
  record Approved(ModelKind kind, String key, int version, String definitionId, String resourceName, byte[] content,
      String sha256) {}

  Optional<Approved> latest(ModelKind kind, String key);
}
