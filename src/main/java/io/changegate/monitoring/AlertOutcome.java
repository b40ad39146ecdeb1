package io.changegate.monitoring;

import java.util.List;

/** What became of one received alert; stored in {@code changegate_alert} and answered to Alertmanager. */
public record AlertOutcome(String alertName, String status, String service, String environment, String outcome,
    List<String> changes) {

  public static final String ROLLBACK_TRIGGERED = "ROLLBACK_TRIGGERED";
  public static final String UNMATCHED = "UNMATCHED";
  public static final String RESOLVED = "RESOLVED";
  public static final String INCOMPLETE = "INCOMPLETE";
}
