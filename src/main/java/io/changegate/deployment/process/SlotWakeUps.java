package io.changegate.deployment.process;

import io.changegate.deployment.DeploymentProcess;
import io.changegate.deployment.EnvironmentSlots;
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
 * a wake-up that loses a race with that timer is left alone — its own job finds the slot it holds.
 */
@Component
public class SlotWakeUps {

  private static final Logger log = LoggerFactory.getLogger(SlotWakeUps.class);

  private final RuntimeService runtime;
  private final TransactionTemplate ownTransaction;

  public SlotWakeUps(RuntimeService runtime, PlatformTransactionManager transactions) {
    this.runtime = runtime;
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
        for (Execution waiting : runtime.createExecutionQuery().processInstanceBusinessKey(changeId)
            .messageEventSubscriptionName(DeploymentProcess.MESSAGE_SLOT_FREED).list()) {
          runtime.createMessageCorrelation(DeploymentProcess.MESSAGE_SLOT_FREED)
              .processInstanceId(waiting.getProcessInstanceId()).correlateWithResult();
        }
      });
    } catch (RuntimeException raceOrGone) {
      // its timer took the same wait, or it ended: the slot stays handed to it and its own job finds it
      log.debug("{} not woken up ({}); it finds its slot when it looks again", changeId, raceOrGone.toString());
    }
  }
}
