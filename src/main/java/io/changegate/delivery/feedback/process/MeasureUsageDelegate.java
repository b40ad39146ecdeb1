package io.changegate.delivery.feedback.process;

import static io.changegate.change.ChangeProcess.CHANGE_ID;

import io.changegate.delivery.feedback.FeedbackService;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.CallsOut;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Measure usage over the window": asks the monitoring system for the service's usage over the feedback window (a
 * read, stored once: a job run again after a crash finds it measured). A monitoring system that cannot be asked throws, so
 * the engine retries and raises an incident.
 */
@CallsOut
@CallableFromModels
@Component("measureUsage")
public class MeasureUsageDelegate implements JavaDelegate {

  private final FeedbackService feedback;

  public MeasureUsageDelegate(FeedbackService feedback) {
    this.feedback = feedback;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String changeId = CHANGE_ID.required(execution);

    feedback.measureUsage(changeId);
  }
}
