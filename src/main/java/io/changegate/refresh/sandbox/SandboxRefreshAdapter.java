package io.changegate.refresh.sandbox;

import io.changegate.refresh.AnonymizationPort;
import io.changegate.refresh.CopyPort;
import io.changegate.refresh.RefreshOrder;
import io.changegate.refresh.StepOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The demo profile's refresh: copies and anonymizes nothing, and says so in every step and in the evidence (its
 * verification is simulated too). Outside the demo profile the start is refused: nothing may pass for a refresh
 * that is not one.
 */
@Component
@ConditionalOnProperty(name = "changegate.refresh.adapter", havingValue = "sandbox")
public class SandboxRefreshAdapter implements CopyPort, AnonymizationPort {

  public SandboxRefreshAdapter(Environment spring) {
    if (!spring.acceptsProfiles(Profiles.of("demo"))) {
      throw new IllegalStateException("changegate.refresh.adapter=sandbox outside the demo profile: the sandbox copies"
          + " and anonymizes nothing; set command (with changegate.refresh.copy and .anonymize) or leave it unset");
    }
  }

  @Override
  public String name() {
    return "sandbox";
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public StepOutcome copy(RefreshOrder order) {
    return new StepOutcome(true, "sandbox", 0, "simulated: nothing was copied from " + order.source() + " to "
        + order.target());
  }

  @Override
  public StepOutcome anonymize(RefreshOrder order) {
    return new StepOutcome(true, "sandbox", 0, "simulated: nothing was anonymized in " + order.target());
  }
}
