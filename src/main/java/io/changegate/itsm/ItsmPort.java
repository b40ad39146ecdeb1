package io.changegate.itsm;

import java.util.Optional;

/**
 * The ITSM tool's incidents and problems, read so that a link names something that exists (sandbox, ServiceNow's
 * Table API, Jira Service Management's REST API). A record the tool does not know is empty; a tool that cannot be
 * asked throws (the request fails and nothing is linked). Never logs or returns credentials.
 */
public interface ItsmPort {

  /** The adapter name ({@code changegate.itsm.adapter}). */
  String adapter();

  Optional<ItsmRecord> incident(String reference);

  Optional<ItsmRecord> problem(String reference);

  /** Records in the tool too that the incident belongs to the problem (both known to it); idempotent. */
  void linkIncidentToProblem(ItsmRecord incident, ItsmRecord problem);
}
