package io.changegate.delivery;

import java.time.Instant;
import java.util.List;

/** Port: the steps of changes the engine's history holds. */
public interface StepHistory {

  /** The steps of changes (business key = change id) that ended in {@code [from, to)}. */
  List<Step> steps(Instant from, Instant to);
}
