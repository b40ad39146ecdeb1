package io.changegate.processes;

import io.changegate.featureflag.FeatureFlagProcess;
import static io.changegate.change.ChangeProcess.REQUESTER;
import static io.changegate.rollback.RollbackProcess.CHECKPOINT_NOTE;
import static io.changegate.rollback.RollbackProcess.DRY_RUN;
import static io.changegate.rollback.RollbackProcess.INCIDENT_REFERENCE;
import static io.changegate.deployment.DeploymentProcess.MIGRATION_DECLARED;
import static io.changegate.rollback.RollbackProcess.MIGRATION_ROLLED_BACK;
import static io.changegate.deployment.DeploymentProcess.MIGRATION_STATE;
import static io.changegate.rollback.RollbackProcess.MIGRATION_UNDO;
import static io.changegate.deployment.DeploymentProcess.NEXT_VALIDATION_IN;
import static io.changegate.rollback.RollbackProcess.POSTMORTEM_TIMELINE;
import static io.changegate.deployment.DeploymentProcess.PROMOTION_ALLOWED;
import static io.changegate.deployment.DeploymentProcess.PROMOTION_REFUSAL;
import static io.changegate.rollback.RollbackProcess.RECOVERY_VERIFIED;
import static io.changegate.rollback.RollbackProcess.ROLLBACK_SUMMARY;
import static io.changegate.rollback.RollbackProcess.ROLLBACK_POLL_INTERVAL;
import static io.changegate.rollback.RollbackProcess.ROLLBACK_TARGET_COUNT;
import static io.changegate.deployment.DeploymentProcess.ROLLOUT_POLL_INTERVAL;
import static io.changegate.deployment.DeploymentProcess.ROLLOUT_STATE;
import static io.changegate.deployment.DeploymentProcess.SLOT_POLL_INTERVAL;
import static io.changegate.deployment.DeploymentProcess.SLOT_RESERVED;
import static io.changegate.deployment.DeploymentProcess.STABILIZED;
import static io.changegate.deployment.DeploymentProcess.TARGETS_INDEPENDENT;
import static io.changegate.deployment.DeploymentProcess.TARGET_COUNT;
import static io.changegate.deployment.DeploymentProcess.TARGET_NAME;
import static io.changegate.monitoring.MonitoringProcess.VALIDATION_PASSED;

import io.changegate.approval.ApprovalProperties;
import io.changegate.approval.SignOffRounds;
import io.changegate.approval.process.AmendChangeListener;
import io.changegate.approval.process.ApprovalDecisionListener;
import io.changegate.approval.process.ReviewContextListener;
import io.changegate.approval.process.RunbookReviewListener;
import io.changegate.approval.process.SegregationOfDutiesListener;
import io.changegate.approval.process.SignOffDeadlines;
import io.changegate.approval.process.SignOffRoundListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.mockito.Mockito;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import io.changegate.emergency.process.BlackoutOverrideDelegate;
import io.changegate.emergency.process.EmergencyDeadlines;
import io.changegate.emergency.process.PostImplementationReviewListener;
import io.changegate.emergency.process.RegisterEmergencyChangeDelegate;
import io.changegate.notification.process.NotifyOverdueDelegate;
import io.changegate.calendar.process.CalendarProcess;
import io.changegate.calendar.process.CheckCalendarDelegate;
import io.changegate.calendar.process.MoveToNewSlotDelegate;
import io.changegate.calendar.process.NewSlotListener;
import io.changegate.calendar.SlotState;
import io.changegate.change.process.ChangeStatusListener;
import io.changegate.approval.process.LoadChangeForReviewListener;
import io.changegate.change.process.RecordCancellationDelegate;
import io.changegate.change.process.RecordClassificationDelegate;
import io.changegate.deployment.DeploymentProcess;
import io.changegate.deployment.process.CheckMigrationDelegate;
import io.changegate.deployment.process.CheckRolloutDelegate;
import io.changegate.deployment.process.CheckStabilizationDelegate;
import io.changegate.deployment.process.ConfirmRolloutsDelegate;
import io.changegate.deployment.process.DeployTargetDelegate;
import io.changegate.deployment.process.LoadTargetListener;
import io.changegate.deployment.process.PlanDeploymentDelegate;
import io.changegate.deployment.process.ReleaseEnvironmentSlotListener;
import io.changegate.deployment.process.ReserveEnvironmentSlotDelegate;
import io.changegate.deployment.process.RunMigrationDelegate;
import io.changegate.rollback.RollbackProcess;
import io.changegate.rollback.process.CheckRollbackDelegate;
import io.changegate.rollback.process.EscalateFailedRollbackDelegate;
import io.changegate.rollback.process.LoadRollbackTargetListener;
import io.changegate.rollback.process.OpenIncidentDelegate;
import io.changegate.rollback.process.PreparePostmortemDelegate;
import io.changegate.rollback.process.PreserveEvidenceDelegate;
import io.changegate.rollback.process.RecordRestorationDelegate;
import io.changegate.rollback.process.RequestRollbackDelegate;
import io.changegate.rollback.process.RollBackMigrationDelegate;
import io.changegate.rollback.process.RollBackTargetDelegate;
import io.changegate.rollback.process.RollbackTasks;
import io.changegate.rollback.process.VerifyRecoveryDelegate;
import io.changegate.monitoring.process.ValidateChangeDelegate;
import io.changegate.supplychain.SupplyChainProcess;
import io.changegate.supplychain.process.CheckScansBeforeDeploymentDelegate;
import io.changegate.supplychain.process.CheckScansDelegate;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.springframework.stereotype.Component;

/**
 * Every bean the diagrams name, as test doubles registered with {@link Mocks} under the name of the
 * production bean (read from its {@code @Component}), so a renamed bean breaks these tests as it would
 * break the diagrams.
 *
 * <p>Defaults: the calendar finds the slot clear; promotion is allowed, a slot is free, the one target deploys and
 * is healthy at once, its validation passes with no stabilization period; a rollback has one target, restores it
 * and verifies recovery; everything else only records.
 */
public final class ProcessBeans {

  public final RecordingDelegate checkSecurityScans = new RecordingDelegate().then(e -> {
    SupplyChainProcess.SCAN_VERDICT.set(e, "PASS");
    SupplyChainProcess.SCAN_REASON.set(e, "Scanned: no secret, critical or high finding");
  });
  public final RecordingDelegate checkScansBeforeDeployment = new RecordingDelegate().then(e -> {
    SupplyChainProcess.SCAN_VERDICT.set(e, "PASS");
    SupplyChainProcess.SCAN_REASON.set(e, "Scanned: no secret, critical or high finding");
  });
  public final RecordingDelegate recordClassification = new RecordingDelegate();
  public final RecordingDelegate recordCancellation = new RecordingDelegate();
  public final RecordingDelegate loadChangeForReview = new RecordingDelegate();
  public final RecordingDelegate checkCalendar =
      new RecordingDelegate().then(e -> CalendarProcess.CALENDAR_VERDICT.set(e, SlotState.CLEAR.name()));
  public final RecordingDelegate moveToNewSlot = new RecordingDelegate();
  /** Gateway "Environment refresh?": no refresh unless a test says so. */
  public final RefreshRequested environmentRefresh = new RefreshRequested();
  public final RecordingDelegate refreshEnvironment = new RecordingDelegate()
      .then(e -> io.changegate.refresh.process.RefreshProcess.REFRESH_VERIFIED.set(e, true));
  public final RecordingNewSlot newSlot = new RecordingNewSlot();
  public final RecordingDelegate planDeployment = new RecordingDelegate().then(e -> {
    PROMOTION_ALLOWED.set(e, true);
    PROMOTION_REFUSAL.set(e, "");
    TARGET_COUNT.set(e, 1);
    TARGETS_INDEPENDENT.set(e, false);
  });
  public final RecordingDelegate reserveEnvironmentSlot = new RecordingDelegate().then(slotReserved(true));
  public final RecordingDelegate releaseEnvironmentSlot = new RecordingDelegate();
  public final RecordingDelegate loadTarget = new RecordingDelegate().then(e -> {
    TARGET_NAME.setLocal(e, "target-" + DeploymentProcess.TARGET_INDEX.from(e));
    MIGRATION_DECLARED.setLocal(e, false);
  });
  public final RecordingDelegate runMigration = new RecordingDelegate().then(migration("HEALTHY"));
  public final RecordingDelegate checkMigration = new RecordingDelegate().then(migration("HEALTHY"));
  public final RecordingDelegate deployTarget = new RecordingDelegate().then(deployed("HEALTHY"));
  public final RecordingDelegate checkRollout = new RecordingDelegate().then(deployed("HEALTHY"));
  public final RecordingDelegate confirmRollouts = new RecordingDelegate().then(rollouts("HEALTHY"));
  public final RecordingDelegate checkStabilization = new RecordingDelegate().then(e -> {
    STABILIZED.set(e, true);
    NEXT_VALIDATION_IN.set(e, "PT0S");
  });
  public final RecordingDelegate preserveEvidence = new RecordingDelegate().then(e -> {
    ROLLBACK_TARGET_COUNT.set(e, 1);
    DRY_RUN.set(e, false);
    ROLLBACK_POLL_INTERVAL.set(e, "PT10S");
    RollbackProcess.REHEARSAL.set(e, false);
    RollbackProcess.STATEFUL_COUNT.set(e, 0);
  });
  /** normal-change's rehearsal gate: NOT_NEEDED unless a test says otherwise. */
  public final RecordingDelegate checkRollbackRehearsal = new RecordingDelegate()
      .then(e -> RollbackProcess.REHEARSAL_VERDICT.set(e, "NOT_NEEDED"));
  public final RecordingTaskListeners rehearsalTasks = new RecordingTaskListeners();
  public final RecordingTaskListeners statefulComponents = new RecordingTaskListeners();
  public final RecordingDelegate openIncident = new RecordingDelegate().then(e -> INCIDENT_REFERENCE.set(e, "INC-1"));
  public final RecordingDelegate loadRollbackTarget = new RecordingDelegate().then(e -> {
    TARGET_NAME.setLocal(e, "target-" + DeploymentProcess.TARGET_INDEX.from(e));
    MIGRATION_UNDO.setLocal(e, RollbackProcess.UNDO_NONE);
    CHECKPOINT_NOTE.setLocal(e, "");
  });
  public final RecordingDelegate rollBackTarget = new RecordingDelegate().then(e -> ROLLOUT_STATE.set(e, "HEALTHY"));
  public final RecordingDelegate checkRollback = new RecordingDelegate().then(e -> ROLLOUT_STATE.set(e, "HEALTHY"));
  public final RecordingDelegate rollBackMigration =
      new RecordingDelegate().then(e -> MIGRATION_ROLLED_BACK.set(e, true));
  public final RecordingDelegate verifyRecovery = new RecordingDelegate().then(e -> RECOVERY_VERIFIED.set(e, true));
  public final RecordingDelegate recordRestoration = new RecordingDelegate();
  public final RecordingDelegate preparePostmortem = new RecordingDelegate().then(e -> {
    POSTMORTEM_TIMELINE.set(e, "timeline");
    ROLLBACK_SUMMARY.set(e, "summary");
    REQUESTER.set(e, "requester");
  });
  public final RecordingDelegate escalateFailedRollback =
      new RecordingDelegate().then(e -> INCIDENT_REFERENCE.set(e, "INC-2"));
  public final RecordingDelegate requestRollback = new RecordingDelegate();
  public final RecordingRollbackTasks rollbackTasks = new RecordingRollbackTasks();
  /** No pre-traffic checks and no flag rollout unless a test declares them. */
  public final RecordingDelegate loadReleaseSafety = new RecordingDelegate().then(releaseSafety(false, false));
  public final RecordingDelegate runPreTrafficChecks =
      new RecordingDelegate().then(e -> DeploymentProcess.PRE_TRAFFIC_PASSED.set(e, true));
  public final RecordingDelegate promoteCanary =
      new RecordingDelegate().then(e -> DeploymentProcess.PROMOTED.set(e, true));
  public final RecordingDelegate setFlagStage = new RecordingDelegate().then(e -> {
    Integer stage = FeatureFlagProcess.FLAG_STAGE.from(e);
    FeatureFlagProcess.FLAG_STAGE.set(e, stage == null ? 0 : stage);
    FeatureFlagProcess.FLAG_PERCENT.set(e, stage == null ? 10 : 100);
  });
  /** Two stages, each validated at once and held for nothing. */
  public final RecordingDelegate validateFlagStage = new RecordingDelegate().then(e -> {
    int stage = FeatureFlagProcess.FLAG_STAGE.from(e);
    FeatureFlagProcess.FLAG_STAGE_PASSED.set(e, true);
    FeatureFlagProcess.FLAG_STAGE_VALIDATED.set(e, true);
    FeatureFlagProcess.FLAG_WAIT.set(e, "PT0S");
    FeatureFlagProcess.FLAG_MORE_STAGES.set(e, stage < 1);
    if (stage < 1) {
      FeatureFlagProcess.FLAG_STAGE.set(e, stage + 1);
    } else {
      DeploymentProcess.FLAG_ROLLOUT_DONE.set(e, true);
    }
  });
  public final RecordingDelegate switchFlagOff = new RecordingDelegate();
  public final RecordingDelegate validateChange =
      new RecordingDelegate().then(e -> VALIDATION_PASSED.set(e, true));
  public final RecordingChangeStatus changeStatus = new RecordingChangeStatus();
  public final RecordingApprovalDecision approvalDecision = new RecordingApprovalDecision();
  public final RecordingDelegate registerEmergencyChange = new RecordingDelegate();
  public final RecordingDelegate recordBlackoutOverride = new RecordingDelegate();
  public final EmergencyBeans emergency = new EmergencyBeans();
  public final RecordingReviewContext reviewContext = new RecordingReviewContext();
  public final RunbookReviewListener runbookReview = Mockito.mock(RunbookReviewListener.class);
  public final AmendChangeListener amendChange = Mockito.mock(AmendChangeListener.class);
  /** The improvement actions of the postmortem and PIR forms: recorded by the real listener in the API tests. */
  public final io.changegate.delivery.process.ReviewActionsListener reviewActions =
      Mockito.mock(io.changegate.delivery.process.ReviewActionsListener.class);
  public final SignOffRoundListener signOffRound = new SignOffRoundListener(new SignOffRounds(emergency.audit,
      org.mockito.Mockito.mock(io.changegate.calendar.ServiceDependencyService.class)));
  public final SignOffDeadlines signOffDeadlines = new SignOffDeadlines(new ApprovalProperties(Duration.ofDays(2)),
      Clock.systemUTC());

  private ProcessBeans() {}

  /** security-scan-gate answers {@code verdict} at classification and before deployment. */
  public void scanVerdict(String verdict, String reason) {
    for (RecordingDelegate check : List.of(checkSecurityScans, checkScansBeforeDeployment)) {
      check.then(e -> {
        SupplyChainProcess.SCAN_VERDICT.set(e, verdict);
        SupplyChainProcess.SCAN_REASON.set(e, reason);
      });
    }
  }

  /**
   * What "Reserve environment slot" leaves for its gateway: whether a slot was free, and without one how long "Look
   * again later" waits.
   */
  public static Consumer<DelegateExecution> slotReserved(boolean reserved) {
    return e -> {
      SLOT_RESERVED.set(e, reserved);
      if (!reserved) {
        SLOT_POLL_INTERVAL.set(e, "PT1M");
      }
    };
  }

  /** What "Run database migration" and "Check migration" leave for their gateway and the wait after it. */
  public static Consumer<DelegateExecution> migration(String state) {
    return e -> {
      MIGRATION_STATE.set(e, state);
      ROLLOUT_POLL_INTERVAL.set(e, "PT10S");
    };
  }

  /**
   * What "Deploy target" and "Check rollout" leave for their gateways and the wait after them: the rollout's state,
   * not confirming every rollout (so "Confirm every target healthy" runs).
   */
  public static Consumer<DelegateExecution> deployed(String state) {
    return rollouts(state).andThen(e -> DeploymentProcess.ROLLOUTS_CONFIRMED.set(e, false));
  }

  /** What "Confirm every target healthy" leaves for its gateway and the wait after it. */
  public static Consumer<DelegateExecution> rollouts(String state) {
    return e -> {
      ROLLOUT_STATE.set(e, state);
      ROLLOUT_POLL_INTERVAL.set(e, "PT10S");
    };
  }

  /**
   * What the release-safety gateways' listener leaves for them: whether pre-traffic checks and a flag rollout are
   * declared, and for a declared rollout that has not run, flagRolloutDone = false.
   */
  public static Consumer<DelegateExecution> releaseSafety(boolean preTraffic, boolean flagRollout) {
    return e -> {
      DeploymentProcess.PRE_TRAFFIC_DECLARED.set(e, preTraffic);
      DeploymentProcess.FLAG_ROLLOUT_DECLARED.set(e, flagRollout);
      if (flagRollout && DeploymentProcess.FLAG_ROLLOUT_DONE.from(e) == null) {
        DeploymentProcess.FLAG_ROLLOUT_DONE.set(e, false);
      }
    };
  }

  /** "Check promotion path" refuses the change (an untested digest). */
  public void refusePromotion(String reason) {
    planDeployment.then(e -> {
      PROMOTION_ALLOWED.set(e, false);
      PROMOTION_REFUSAL.set(e, reason);
      TARGET_COUNT.set(e, 1);
      TARGETS_INDEPENDENT.set(e, false);
    });
  }

  /** Stands in for {@code refresh.process.RefreshRequestedCondition}: whether the change is an environment refresh. */
  public static final class RefreshRequested {
    private volatile boolean refresh;

    public void answer(boolean refresh) {
      this.refresh = refresh;
    }

    public boolean requested(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
      return refresh;
    }
  }

  public static ProcessBeans register() {
    ProcessBeans beans = new ProcessBeans();
    Mocks.register(beanName(io.changegate.refresh.process.RefreshRequestedCondition.class), beans.environmentRefresh);
    Mocks.register(beanName(io.changegate.refresh.process.RefreshEnvironmentDelegate.class),
        beans.refreshEnvironment);
    Mocks.register(beanName(CheckScansDelegate.class), beans.checkSecurityScans);
    Mocks.register(beanName(CheckScansBeforeDeploymentDelegate.class), beans.checkScansBeforeDeployment);
    Mocks.register(beanName(RecordClassificationDelegate.class), beans.recordClassification);
    Mocks.register(beanName(RecordCancellationDelegate.class), beans.recordCancellation);
    Mocks.register(beanName(LoadChangeForReviewListener.class), beans.loadChangeForReview);
    Mocks.register(beanName(CheckCalendarDelegate.class), beans.checkCalendar);
    Mocks.register(beanName(MoveToNewSlotDelegate.class), beans.moveToNewSlot);
    Mocks.register(beanName(NewSlotListener.class), beans.newSlot);
    Mocks.register(beanName(PlanDeploymentDelegate.class), beans.planDeployment);
    Mocks.register(beanName(ReserveEnvironmentSlotDelegate.class), beans.reserveEnvironmentSlot);
    Mocks.register(beanName(ReleaseEnvironmentSlotListener.class), beans.releaseEnvironmentSlot);
    Mocks.register(beanName(LoadTargetListener.class), beans.loadTarget);
    Mocks.register(beanName(RunMigrationDelegate.class), beans.runMigration);
    Mocks.register(beanName(CheckMigrationDelegate.class), beans.checkMigration);
    Mocks.register(beanName(DeployTargetDelegate.class), beans.deployTarget);
    Mocks.register(beanName(CheckRolloutDelegate.class), beans.checkRollout);
    Mocks.register(beanName(ConfirmRolloutsDelegate.class), beans.confirmRollouts);
    Mocks.register(beanName(CheckStabilizationDelegate.class), beans.checkStabilization);
    Mocks.register(beanName(PreserveEvidenceDelegate.class), beans.preserveEvidence);
    Mocks.register(beanName(OpenIncidentDelegate.class), beans.openIncident);
    Mocks.register(beanName(LoadRollbackTargetListener.class), beans.loadRollbackTarget);
    Mocks.register(beanName(RollBackTargetDelegate.class), beans.rollBackTarget);
    Mocks.register(beanName(CheckRollbackDelegate.class), beans.checkRollback);
    Mocks.register(beanName(RollBackMigrationDelegate.class), beans.rollBackMigration);
    Mocks.register(beanName(VerifyRecoveryDelegate.class), beans.verifyRecovery);
    Mocks.register(beanName(RecordRestorationDelegate.class), beans.recordRestoration);
    Mocks.register(beanName(PreparePostmortemDelegate.class), beans.preparePostmortem);
    Mocks.register(beanName(EscalateFailedRollbackDelegate.class), beans.escalateFailedRollback);
    Mocks.register(beanName(RequestRollbackDelegate.class), beans.requestRollback);
    Mocks.register(beanName(RollbackTasks.class), beans.rollbackTasks);
    Mocks.register(beanName(io.changegate.rollback.process.CheckRollbackRehearsalDelegate.class),
        beans.checkRollbackRehearsal);
    Mocks.register(beanName(io.changegate.rollback.process.RehearsalTasks.class), beans.rehearsalTasks);
    Mocks.register(beanName(io.changegate.rollback.process.StatefulComponentTasks.class), beans.statefulComponents);
    Mocks.register(beanName(ValidateChangeDelegate.class), beans.validateChange);
    Mocks.register(beanName(io.changegate.deployment.process.LoadReleaseSafetyListener.class), beans.loadReleaseSafety);
    Mocks.register(beanName(io.changegate.deployment.process.RunPreTrafficChecksDelegate.class),
        beans.runPreTrafficChecks);
    Mocks.register(beanName(io.changegate.deployment.process.PromoteCanaryDelegate.class), beans.promoteCanary);
    Mocks.register(beanName(io.changegate.featureflag.process.SetFlagStageDelegate.class), beans.setFlagStage);
    Mocks.register(beanName(io.changegate.featureflag.process.ValidateFlagStageDelegate.class),
        beans.validateFlagStage);
    Mocks.register(beanName(io.changegate.featureflag.process.SwitchFlagOffDelegate.class), beans.switchFlagOff);
    Mocks.register(beanName(ChangeStatusListener.class), beans.changeStatus);
    Mocks.register(beanName(ApprovalDecisionListener.class), beans.approvalDecision);
    Mocks.register(beanName(RegisterEmergencyChangeDelegate.class), beans.registerEmergencyChange);
    Mocks.register(beanName(BlackoutOverrideDelegate.class), beans.recordBlackoutOverride);
    Mocks.register(beanName(SegregationOfDutiesListener.class), beans.emergency.segregationOfDuties);
    Mocks.register(beanName(PostImplementationReviewListener.class), beans.emergency.postImplementationReview);
    Mocks.register(beanName(NotifyOverdueDelegate.class), beans.emergency.notifyOverdue);
    Mocks.register(beanName(EmergencyDeadlines.class), beans.emergency.deadlines);
    Mocks.register(beanName(io.changegate.emergency.process.EcabPromotionCheckListener.class),
        beans.emergency.ecabPromotionCheck);
    Mocks.register(beanName(ReviewContextListener.class), beans.reviewContext);
    Mocks.register(beanName(RunbookReviewListener.class), beans.runbookReview);
    Mocks.register(beanName(AmendChangeListener.class), beans.amendChange);
    Mocks.register(beanName(io.changegate.delivery.process.ReviewActionsListener.class), beans.reviewActions);
    Mocks.register(beanName(SignOffRoundListener.class), beans.signOffRound);
    Mocks.register(beanName(SignOffDeadlines.class), beans.signOffDeadlines);
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
