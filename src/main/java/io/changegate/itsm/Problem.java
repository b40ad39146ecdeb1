package io.changegate.itsm;

import java.time.Instant;
import java.util.List;

/**
 * A problem record: the root cause behind several incidents, and the changes that caused them. {@code system} and
 * {@code reference} name it in the ITSM tool ({@code reference} null when it is known to Changegate only).
 */
public record Problem(String id, String title, String system, String reference, String url, String createdBy,
    Instant createdAt, List<Incident> incidents, List<Change> changes) {

  /** One incident of the problem, as the ITSM tool held it when it was linked. */
  public record Incident(String system, String reference, String url, String title, Instant openedAt) {}

  /** One change the problem names as a cause. */
  public record Change(String id, String title, String service, String environment, String status,
      Instant linkedAt) {}

  /** The problem as a change's dossier shows it. */
  public record Summary(String id, String title, String system, String reference, String url,
      List<String> incidents) {}
}
