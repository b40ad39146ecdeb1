package io.changegate.emergency;

import java.time.Instant;
import java.util.List;

/** Emergency share and abuse count over a period (for DORA reports and the CAB). */
public record EmergencyStats(
    Instant from,
    Instant to,
    long totalChanges,
    long emergencyChanges,
    double emergencyShare,
    long reviewed,
    long abuses,
    List<Count> emergenciesByService,
    List<Count> abusesByService,
    List<Count> abusesByRequester) {

  /** A count per key (service or requester). */
  public record Count(String key, long count) {}
}
