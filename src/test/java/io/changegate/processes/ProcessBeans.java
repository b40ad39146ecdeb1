package io.changegate.processes;

import static io.changegate.deployment.DeployChangeDelegate.DEPLOYED;
import static io.changegate.monitoring.ValidateChangeDelegate.VALIDATION_PASSED;

import io.changegate.approval.ApprovalDecisionListener;
import io.changegate.approval.SegregationOfDutiesListener;
import io.changegate.emergency.BlackoutOverrideDelegate;
import io.changegate.emergency.EmergencyDeadlines;
import io.changegate.emergency.PostImplementationReviewListener;
import io.changegate.emergency.RegisterEmergencyChangeDelegate;
import io.changegate.notification.NotifyOverdueDelegate;
import io.changegate.calendar.CalendarProcess;
import io.changegate.calendar.CheckCalendarDelegate;
import io.changegate.calendar.MoveToNewSlotDelegate;
import io.changegate.calendar.NewSlotListener;
import io.changegate.calendar.SlotState;
import io.changegate.change.process.ChangeStatusListener;
import io.changegate.change.process.LoadChangeForReviewListener;
import io.changegate.change.process.RecordCancellationDelegate;
import io.changegate.change.process.RecordClassificationDelegate;
import io.changegate.deployment.DeployChangeDelegate;
import io.changegate.monitoring.ValidateChangeDelegate;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.springframework.stereotype.Component;

/**
 * Every bean the diagrams name, as test doubles registered with {@link Mocks} under the name of the
 * production bean (read from its {@code @Component}), so a renamed bean breaks these tests as it would
 * break the diagrams.
 *
 * <p>Defaults: the calendar finds the slot clear, the deployment succeeds and its validation passes;
 * everything else only records.
 */
public final class ProcessBeans {

  public final RecordingDelegate recordClassification = new RecordingDelegate();
  public final RecordingDelegate recordCancellation = new RecordingDelegate();
  public final RecordingDelegate loadChangeForReview = new RecordingDelegate();
  public final RecordingDelegate checkCalendar =
      new RecordingDelegate().then(e -> CalendarProcess.CALENDAR_VERDICT.set(e, SlotState.CLEAR.name()));
  public final RecordingDelegate moveToNewSlot = new RecordingDelegate();
  public final RecordingNewSlot newSlot = new RecordingNewSlot();
  public final RecordingDelegate deployChange = new RecordingDelegate().then(e -> DEPLOYED.set(e, true));
  public final RecordingDelegate validateChange =
      new RecordingDelegate().then(e -> VALIDATION_PASSED.set(e, true));
  public final RecordingChangeStatus changeStatus = new RecordingChangeStatus();
  public final RecordingApprovalDecision approvalDecision = new RecordingApprovalDecision();
  public final RecordingDelegate registerEmergencyChange = new RecordingDelegate();
  public final RecordingDelegate recordBlackoutOverride = new RecordingDelegate();
  public final EmergencyBeans emergency = new EmergencyBeans();

  private ProcessBeans() {}

  public static ProcessBeans register() {
    ProcessBeans beans = new ProcessBeans();
    Mocks.register(beanName(RecordClassificationDelegate.class), beans.recordClassification);
    Mocks.register(beanName(RecordCancellationDelegate.class), beans.recordCancellation);
    Mocks.register(beanName(LoadChangeForReviewListener.class), beans.loadChangeForReview);
    Mocks.register(beanName(CheckCalendarDelegate.class), beans.checkCalendar);
    Mocks.register(beanName(MoveToNewSlotDelegate.class), beans.moveToNewSlot);
    Mocks.register(beanName(NewSlotListener.class), beans.newSlot);
    Mocks.register(beanName(DeployChangeDelegate.class), beans.deployChange);
    Mocks.register(beanName(ValidateChangeDelegate.class), beans.validateChange);
    Mocks.register(beanName(ChangeStatusListener.class), beans.changeStatus);
    Mocks.register(beanName(ApprovalDecisionListener.class), beans.approvalDecision);
    Mocks.register(beanName(RegisterEmergencyChangeDelegate.class), beans.registerEmergencyChange);
    Mocks.register(beanName(BlackoutOverrideDelegate.class), beans.recordBlackoutOverride);
    Mocks.register(beanName(SegregationOfDutiesListener.class), beans.emergency.segregationOfDuties);
    Mocks.register(beanName(PostImplementationReviewListener.class), beans.emergency.postImplementationReview);
    Mocks.register(beanName(NotifyOverdueDelegate.class), beans.emergency.notifyOverdue);
    Mocks.register(beanName(EmergencyDeadlines.class), beans.emergency.deadlines);
    return beans;
  }

  static String beanName(Class<?> bean) {
    Component component = bean.getAnnotation(Component.class);
    if (component == null || component.value().isBlank()) {
      throw new IllegalStateException(bean + " has no named @Component; the diagrams cannot name it");
    }
    return component.value();
  }
}
