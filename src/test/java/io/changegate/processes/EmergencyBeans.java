package io.changegate.processes;

import io.changegate.security.ServiceAccountOwners;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.approval.SegregationOfDutiesPolicy;
import io.changegate.approval.TaskRecords;
import io.changegate.approval.process.SegregationOfDutiesListener;
import io.changegate.change.Runbook;
import io.changegate.change.RunbookRepository;
import io.changegate.audit.AuditEntry;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import io.changegate.change.Level;
import io.changegate.calendar.CalendarPort;
import io.changegate.deployment.DeploymentAdapters;
import io.changegate.emergency.EmergencyProperties;
import io.changegate.emergency.EmergencyRecords;
import io.changegate.emergency.EmergencyService;
import io.changegate.emergency.process.EmergencyDeadlines;
import io.changegate.emergency.process.PostImplementationReviewListener;
import io.changegate.notification.EscalationService;
import io.changegate.notification.NotificationPort;
import io.changegate.notification.process.NotifyOverdueDelegate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

/**
 * The real listeners and delegates of the emergency flow's governance (segregation of duties, the PIR,
 * escalation, deadlines) over mocked stores: what they refuse, they refuse as in production.
 */
public final class EmergencyBeans {

  /** Requesters in these tests are people: no service account, no owner, so no database is asked. */
  private static final ServiceAccountOwners NO_SERVICE_ACCOUNTS = new ServiceAccountOwners(null);

  public static final String REQUESTER = "ops-lead";
  /** The emergency service's now: when it records a review. */
  public static final Instant NOW = Instant.parse("2026-11-02T10:15:00Z");

  public final ChangeService changes = Mockito.mock(ChangeService.class);
  public final AuditTrail audit = Mockito.mock(AuditTrail.class);
  public final EmergencyRecords records = Mockito.mock(EmergencyRecords.class);
  public final NotificationPort notifications = Mockito.mock(NotificationPort.class);
  /** The task records the segregation-of-duties rules read (empty unless a test says otherwise). */
  public final TaskRecords taskRecords = Mockito.mock(TaskRecords.class);
  public final SegregationOfDutiesListener segregationOfDuties =
      new SegregationOfDutiesListener(new SegregationOfDutiesPolicy(changes, taskRecords, NO_SERVICE_ACCOUNTS), taskRecords,
          Clock.systemUTC());
  public final EmergencyService service = new EmergencyService(changes, records, Mockito.mock(DeploymentAdapters.class),
      Mockito.mock(CalendarPort.class), audit, Clock.fixed(NOW, ZoneOffset.UTC));
  public final PostImplementationReviewListener postImplementationReview =
      new PostImplementationReviewListener(service, new ObjectMapper());
  public final NotifyOverdueDelegate notifyOverdue = new NotifyOverdueDelegate(
      new EscalationService(notifications, audit, changes));
  /** The promotion check the ECAB form shows (its rules: EmergencyPromotionCheckTest). */
  public final io.changegate.emergency.EmergencyPromotionCheck promotionCheck =
      Mockito.mock(io.changegate.emergency.EmergencyPromotionCheck.class);
  public final io.changegate.emergency.process.EcabPromotionCheckListener ecabPromotionCheck =
      new io.changegate.emergency.process.EcabPromotionCheckListener(promotionCheck,
          Mockito.mock(io.changegate.emergency.EmergencyPromotionOverride.class));
  public final EmergencyDeadlines deadlines =
      new EmergencyDeadlines(new EmergencyProperties(Duration.ofMinutes(30), 2, ZoneOffset.UTC), Clock.systemUTC());

  /**
   * The real segregation-of-duties listener over mocked stores: the requester and the runbook author come from
   * {@code changes}; no task records (the listener then reads the task's candidates as they are).
   */
  public static SegregationOfDutiesListener segregationOfDuties(ChangeService changes) {
    TaskRecords records = Mockito.mock(TaskRecords.class);
    return new SegregationOfDutiesListener(new SegregationOfDutiesPolicy(changes, records, NO_SERVICE_ACCOUNTS), records, Clock.systemUTC());
  }

  EmergencyBeans() {
    Instant now = Instant.now();
    Change change = new Change(ProcessTestSupport.CHANGE, "Hotfix card declines", null, "payments-api", "production",
        null, Level.HIGH, Level.HIGH, false, false, null, true, "Card payments fail", null, null, List.of(), null,
        null, false, REQUESTER, ChangeStatus.IN_REVIEW, ChangeType.EMERGENCY, "emergency", null, now, now);
    Mockito.when(changes.get(ArgumentMatchers.anyString())).thenReturn(change);
    Mockito.when(changes.lock(ArgumentMatchers.anyString())).thenReturn(change);
    Mockito.when(promotionCheck.describe(ArgumentMatchers.anyString())).thenReturn("Passes: production takes any digest");
    Mockito.when(changes.runbook(ArgumentMatchers.anyString()))
        .thenReturn(new RunbookRepository.Authored(Runbook.empty(), REQUESTER, now));
    Mockito.when(audit.entriesOf(ArgumentMatchers.anyString())).thenReturn(List.of(
        new AuditEntry(1, now, REQUESTER, "SUBMITTED", ProcessTestSupport.CHANGE, "{}", "0", "1"),
        new AuditEntry(2, now, "cab-chair", "DECISION", ProcessTestSupport.CHANGE, "{}", "1", "2")));
  }
}
