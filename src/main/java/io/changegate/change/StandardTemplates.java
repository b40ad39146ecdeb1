package io.changegate.change;

import java.util.List;
import java.util.Optional;

/**
 * The pre-approved standard-change templates, as the intake of a change needs them: which exist, and whether a change
 * fits one. The standard-change capability implements it; the change core names no other capability.
 */
public interface StandardTemplates {

  /** The ids of the known templates. */
  List<String> ids();

  /**
   * Why a change with these facts leaves template {@code id}'s bounds ({@code ""} when it fits); empty when there is
   * no such template.
   */
  Optional<String> mismatch(String id, String service, String environment, Level impact);
}
