package io.changegate.delivery.feedback.process;

import io.changegate.delivery.feedback.FeedbackProcess;
import io.changegate.security.Groups;
import io.changegate.security.ProcessAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who answers feedback surveys in the engine (see security.AccessPolicy): the groups of requesters and of approvers.
 * Whose survey a task is stays the model's candidate rule (the requester and the approving groups of the change).
 */
@Configuration
class FeedbackProcessAccess {

  @Bean
  ProcessAccess changeFeedbackAccess() {
    return ProcessAccess.tasksFor(FeedbackProcess.CHANGE_FEEDBACK, Groups.DEVELOPERS, Groups.OPERATIONS, Groups.CAB,
        Groups.ECAB, Groups.SECURITY, Groups.LEGAL);
  }
}
