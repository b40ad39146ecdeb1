package io.changegate.deployment.process;

import io.changegate.deployment.DeploymentProcess;
import io.changegate.deployment.EnvironmentSlots;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wakes up a change that was handed an environment slot: after the hand-over has committed, each change in a
 * transaction of its own, and only where it waits at "Environment slot freed" (message
 * {@code EnvironmentSlotFreed}, correlated to that process instance). Nothing here can fail the job that freed the
 * slot: a change that is not waiting there (its "Look again later" timer fired first, or it is just reserving) or
 * a wake-up that loses a race with that timer is left alone — its own job finds the slot it holds. A change whose
 * timer is due within {@link #TIMER_DUE_SOON} is not woken either: its timer takes it as soon, and a wake-up would
 * only race the job executor for the same wait.
 */
@Component
public class SlotWakeUps {

  private static final Logger log = LoggerFactory.getLogger(SlotWakeUps.class);

  static final Duration TIMER_DUE_SOON = Duration.ofSeconds(1);

  private final RuntimeService runtime;
  private final ManagementService management;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public SlotWakeUps(RuntimeService runtime, ManagementService management, Clock clock,
      PlatformTransactionManager transactions) {
    this.runtime = runtime;
    this.management = management;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  public void handedOver(EnvironmentSlots.SlotHandedOver event) {
    event.changeIds().forEach(this::wakeUp);
  }

  private void wakeUp(String changeId) {
    try {
      ownTransaction.executeWithoutResult(status -> {
        Date soon = Date.from(clock.instant().plus(TIMER_DUE_SOON));
        for (Execution waiting : runtime.createExecutionQuery().processInstanceBusinessKey(changeId)
            .messageEventSubscriptionName(DeploymentProcess.MESSAGE_SLOT_FREED).list()) {
          if (management.createJobQuery().processInstanceId(waiting.getProcessInstanceId())
              .activityId(DeploymentProcess.ACTIVITY_SLOT_POLL).duedateLowerThan(soon).count() > 0) {
            continue; // its timer is about to take the same wait
          }
          runtime.createMessageCorrelation(DeploymentProcess.MESSAGE_SLOT_FREED)
              .processInstanceId(waiting.getProcessInstanceId()).correlateAllWithResult();
        }
      });
    } catch (RuntimeException raceOrGone) {
      // its timer took the same wait, or it ended: the slot stays handed to it and its own job finds it
      log.debug("{} not woken up ({}); it finds its slot when it looks again", changeId, raceOrGone.toString());
    }
  }
}
