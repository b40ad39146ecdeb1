package io.changegate.delivery;

import java.time.Instant;
import java.util.List;

/** Port: the deployments Changegate stored, oldest first. */
public interface DeliveryHistory {

  /** The deployments matching {@code filter} whose first deploy call lies in {@code [from, to)}, oldest first. */
  List<Deployment> deployments(DeliveryFilter filter, Instant from, Instant to);
}
