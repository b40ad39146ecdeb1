package io.changegate.risk.process;

import io.changegate.risk.FmeaProcess;
import io.changegate.security.Groups;
import io.changegate.security.ProcessAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who works the FMEA review in the engine (see security.AccessPolicy): the requester (developers, operations) fills
 * in the worksheet, operations or the CAB assess it.
 */
@Configuration
class FmeaProcessAccess {

  @Bean
  ProcessAccess fmeaReviewAccess() {
    return ProcessAccess.tasksFor(FmeaProcess.FMEA_REVIEW, Groups.DEVELOPERS, Groups.OPERATIONS, Groups.CAB);
  }
}
