package io.changegate.change.process;

import io.changegate.change.ChangeProcess;
import io.changegate.security.Groups;
import io.changegate.security.ProcessAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who works and reads the change flows in the engine (see security.AccessPolicy). */
@Configuration
class ChangeProcessAccess {

  /** The requester (developers, operations) amends and reschedules; developers peer-review runbooks; signers read. */
  @Bean
  ProcessAccess normalChangeAccess() {
    return ProcessAccess.tasksFor(ChangeProcess.NORMAL_CHANGE, Groups.DEVELOPERS, Groups.OPERATIONS)
        .readBy(Groups.SECURITY, Groups.LEGAL, Groups.CAB);
  }

  /** The ECAB approves, the CAB reviews afterwards; operations start emergencies from Tasklist. */
  @Bean
  ProcessAccess emergencyChangeAccess() {
    return ProcessAccess.tasksFor(ChangeProcess.EMERGENCY_CHANGE, Groups.ECAB, Groups.CAB)
        .startedBy(Groups.OPERATIONS);
  }
}
