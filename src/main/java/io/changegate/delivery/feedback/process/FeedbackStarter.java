package io.changegate.delivery.feedback.process;

import io.changegate.change.ChangeProcess;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeStatusChanged;
import io.changegate.delivery.feedback.FeedbackProcess;
import io.changegate.delivery.feedback.FeedbackService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts {@code change-feedback} when a change has completed: after the transaction that moved it to
 * {@code COMPLETED} committed, in a transaction of its own, as Changegate (not as the person whose request completed
 * it), with the change id as business key. Nothing here can undo the completion: a start that fails is logged and
 * the change stays completed without a survey.
 */
@Component
public class FeedbackStarter {

  private static final Logger log = LoggerFactory.getLogger(FeedbackStarter.class);

  private final FeedbackService feedback;
  private final RuntimeService runtime;
  private final IdentityService identities;
  private final TransactionTemplate ownTransaction;

  public FeedbackStarter(FeedbackService feedback, RuntimeService runtime, IdentityService identities,
      PlatformTransactionManager transactions) {
    this.feedback = feedback;
    this.runtime = runtime;
    this.identities = identities;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void statusChanged(ChangeStatusChanged event) {
    if (event.status() != ChangeStatus.COMPLETED || event.dryRun()) {
      return;
    }
    Authentication person = identities.getCurrentAuthentication();
    identities.clearAuthentication();
    try {
      ownTransaction.executeWithoutResult(status -> {
        if (feedback.open(event.changeId())) {
          runtime.createProcessInstanceByKey(FeedbackProcess.CHANGE_FEEDBACK).businessKey(event.changeId())
              .setVariable(ChangeProcess.CHANGE_ID.name(), event.changeId())
              .execute();
        }
      });
    } catch (RuntimeException e) {
      log.warn("the feedback of {} could not be started: {}", event.changeId(), e.toString());
    } finally {
      if (person != null) {
        identities.setAuthentication(person);
      }
    }
  }
}
