package io.changegate.approval.process;

import io.changegate.approval.ReviewProcess;
import io.changegate.security.Groups;
import io.changegate.security.ProcessAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who works the sign-offs in the engine (see security.AccessPolicy); the DMN picks the groups of each change. */
@Configuration
class ApprovalProcessAccess {

  @Bean
  ProcessAccess signOffAccess() {
    return ProcessAccess.tasksFor(ReviewProcess.SIGN_OFF, Groups.LEGAL, Groups.SECURITY, Groups.OPERATIONS,
        Groups.CAB);
  }
}
