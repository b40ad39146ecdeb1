package io.changegate.itsm.sandbox;

import io.changegate.itsm.ItsmPort;
import io.changegate.itsm.ItsmRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The demo default: no ITSM tool is asked. Any reference of letters, digits and {@code -_.:} is taken as it is, opened
 * "now", titled and stated "sandbox" so that nobody takes it for a ticket that was checked.
 */
@Component
public class SandboxItsmAdapter implements ItsmPort {

  public static final String NAME = "sandbox";
  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");

  private final Clock clock;

  public SandboxItsmAdapter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String adapter() {
    return NAME;
  }

  @Override
  public Optional<ItsmRecord> incident(String reference) {
    return record(reference, "incident");
  }

  @Override
  public Optional<ItsmRecord> problem(String reference) {
    return record(reference, "problem");
  }

  @Override
  public void linkIncidentToProblem(ItsmRecord incident, ItsmRecord problem) {
    // nothing to tell: the link is stored in Changegate only
  }

  private Optional<ItsmRecord> record(String reference, String kind) {
    if (reference == null || !REFERENCE.matcher(reference).matches()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return Optional.of(new ItsmRecord(NAME, reference, null, "sandbox " + kind + " " + reference + " (not checked)",
        "sandbox", now));
  }
}
