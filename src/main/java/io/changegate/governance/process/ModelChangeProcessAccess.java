package io.changegate.governance.process;

import io.changegate.governance.ModelChangeProcess;
import io.changegate.security.Groups;
import io.changegate.security.ProcessAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A second process owner and security review a model change in Tasklist (see security.AccessPolicy). */
@Configuration
class ModelChangeProcessAccess {

  @Bean
  ProcessAccess modelChangeAccess() {
    return ProcessAccess.tasksFor(ModelChangeProcess.MODEL_CHANGE, Groups.PROCESS_OWNERS, Groups.SECURITY);
  }
}
