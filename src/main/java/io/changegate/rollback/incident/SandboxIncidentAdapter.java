package io.changegate.rollback.incident;

import org.springframework.stereotype.Component;

/**
 * The demo default: no ITSM tool is called. The reference says "SANDBOX" so that nobody takes it for a
 * ticket; the link is still stored on the change and shown in its incidents.
 */
@Component
public class SandboxIncidentAdapter implements IncidentPort {

  public static final String NAME = "sandbox";

  @Override
  public String adapter() {
    return NAME;
  }

  @Override
  public IncidentLink open(IncidentReport report) {
    return new IncidentLink(NAME, "SANDBOX-" + report.changeId() + "-" + report.kind(), null);
  }
}
