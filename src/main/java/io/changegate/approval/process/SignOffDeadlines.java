package io.changegate.approval.process;

import io.changegate.approval.ApprovalProperties;
import io.changegate.engine.CallableFromModels;
import java.time.Clock;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Due date of each sign-off, for the diagram: computed once per group ({@code signOffDueAt}) and used by
 * the task's due date and by its escalation timer alike.
 */
@CallableFromModels
@Component("signOffDeadlines")
public class SignOffDeadlines {

  private final ApprovalProperties properties;
  private final Clock clock;

  public SignOffDeadlines(ApprovalProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  public Date due() {
    return Date.from(clock.instant().plus(properties.signOffDue()));
  }
}
