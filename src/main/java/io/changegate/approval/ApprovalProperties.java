package io.changegate.approval;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Review settings ({@code changegate.approval}): how long a sign-off group has before its task is overdue
 * and escalated (the task stays open, the others go on).
 */
@ConfigurationProperties("changegate.approval")
public record ApprovalProperties(@DefaultValue("P2D") Duration signOffDue) {

  public ApprovalProperties {
    if (signOffDue == null || signOffDue.isNegative() || signOffDue.isZero()) {
      throw new IllegalArgumentException("changegate.approval.sign-off-due must be a positive duration");
    }
  }
}
