package io.changegate.delivery.api;

import io.changegate.security.Groups;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * Who may read delivery metrics and reports: operations (release managers), the CAB, auditors, process owners and
 * administrators. Developers see their own changes, not the organisation's performance league.
 */
final class MetricsAccess {

  static final String[] READERS = {Groups.OPERATIONS, Groups.CAB, Groups.AUDITORS, Groups.PROCESS_OWNERS,
      Groups.CAMUNDA_ADMIN};

  private MetricsAccess() {}

  static void check(Authentication user) {
    if (!Groups.hasAny(user, READERS)) {
      throw new AccessDeniedException("Delivery metrics are for operations, the CAB, auditors, process owners and "
          + "administrators");
    }
  }
}
