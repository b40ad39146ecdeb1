package io.changegate.rollback.incident;

/**
 * An ITSM tool that records incidents (sandbox, a webhook). Must be idempotent for
 * {@link IncidentReport#idempotencyKey()}, must never log or return credentials, and for a dry run must
 * open nothing.
 */
public interface IncidentPort {

  /** The adapter name ({@code changegate.incident.adapter}). */
  String adapter();

  IncidentLink open(IncidentReport report);
}
