package io.changegate.rollback.process;

import io.changegate.rollback.RollbackProcess;
import io.changegate.security.Groups;
import io.changegate.security.ProcessAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who works rollbacks in the engine (see security.AccessPolicy): operations restore and write the postmortem with
 * the requester (developers, operations); operations ask for a rollback from Tasklist.
 */
@Configuration
class RollbackProcessAccess {

  @Bean
  ProcessAccess rollbackAccess() {
    return ProcessAccess.tasksFor(RollbackProcess.ROLLBACK, Groups.OPERATIONS, Groups.DEVELOPERS);
  }

  @Bean
  ProcessAccess rollbackRequestAccess() {
    return ProcessAccess.tasksFor(RollbackProcess.ROLLBACK_REQUEST).startedBy(Groups.OPERATIONS);
  }
}
