package io.changegate.environment.process;

import io.changegate.environment.EnvironmentProcesses;
import io.changegate.security.Groups;
import io.changegate.security.ProcessAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who works the owner tasks of environments in the engine (see security.AccessPolicy): the groups that may own an
 * environment (the groups that work sign-offs). Whose task a single one is stays its candidate group, the
 * environment's owner, enforced by the task gate; the decision listener checks the catalog's owner again.
 */
@Configuration
class EnvironmentProcessAccess {

  @Bean
  ProcessAccess environmentBookingAccess() {
    return ProcessAccess.tasksFor(EnvironmentProcesses.BOOKING, Groups.LEGAL, Groups.SECURITY, Groups.OPERATIONS,
        Groups.CAB);
  }

  @Bean
  ProcessAccess environmentDecommissionAccess() {
    return ProcessAccess.tasksFor(EnvironmentProcesses.DECOMMISSION, Groups.LEGAL, Groups.SECURITY,
        Groups.OPERATIONS, Groups.CAB);
  }
}
