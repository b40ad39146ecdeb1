package io.changegate.emergency;

import io.changegate.audit.AuditAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.changegate.audit.AuditEntry;
import io.changegate.audit.AuditTrail;
import io.changegate.calendar.CalendarConflict;
import io.changegate.calendar.CalendarPort;
import io.changegate.calendar.CalendarVerdict;
import io.changegate.calendar.ConflictType;
import io.changegate.calendar.Slot;
import io.changegate.calendar.SlotState;
import io.changegate.change.Artifact;
import io.changegate.change.Change;
import io.changegate.change.ChangeRequest;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.change.Level;
import io.changegate.change.Target;
import io.changegate.change.ValidationSpec;
import io.changegate.deployment.DeploymentAdapters;
import io.changegate.engine.GovernanceRefusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The rules of the emergency path ({@link EmergencyService}) over mocked stores, without Spring or an engine. */
class EmergencyServiceTest {

  static final Instant NOW = Instant.parse("2026-11-02T10:15:00Z");
  static final String ID = "CHG-000777";

  private final ChangeService changes = mock(ChangeService.class);
  private final EmergencyRecords records = mock(EmergencyRecords.class);
  private final DeploymentAdapters adapters = mock(DeploymentAdapters.class);
  private final CalendarPort calendar = mock(CalendarPort.class);
  private final AuditTrail audit = mock(AuditTrail.class);
  private final EmergencyService emergencies = new EmergencyService(changes, records, adapters, calendar, audit,
      Clock.fixed(NOW, ZoneOffset.UTC));

  static Change change(String requester) {
    return new Change(ID, "Hotfix card declines", null, "payments-api", "production", null, Level.HIGH, Level.HIGH,
        false, false, null, true, "Card payments fail", null, null, List.of(), null, null, false, requester,
        ChangeStatus.IN_REVIEW, ChangeType.EMERGENCY, "emergency", null, NOW, NOW);
  }

  static EmergencyStartForm form(String targets, String incident) {
    return new EmergencyStartForm("Hotfix card declines", "payments-api", "production", "payments-api", "2.0.1",
        " ", "HIGH", "Card payments fail", incident, targets, 0.02, 800L, 0);
  }

  // ------------------------------------------------------------------ register

  @Test
  void aChangeFromTheApiIsRecordedAsAnEmergencyOfItsRequesterAndNothingIsRegisteredAgain() {
    when(changes.get(ID)).thenReturn(change("requester"));

    EmergencyService.Registration registered = emergencies.register(ID, true, "ops-lead", null);

    assertThat(registered).isNull();
    verify(records).ensure(ID, "requester", null, EmergencyService.FROM_API, NOW);
    verify(changes, never()).registerStarted(any(), anyString(), any(), anyString());
  }

  @Test
  void aTasklistStartWithAChangeIdOfItsOwnIsRefused() {
    assertThatThrownBy(() -> emergencies.register(ID, false, "ops-lead", null))
        .isInstanceOf(GovernanceRefusal.class).hasMessageContaining("without a business key");
    verifyNoInteractions(records, changes);
  }

  @Test
  void aStartWithoutAnAuthenticatedInitiatorIsRefused() {
    assertThatThrownBy(() -> emergencies.register(null, false, null, form("api-1", null)))
        .isInstanceOf(GovernanceRefusal.class).hasMessageContaining("authenticated member of operations");
    verifyNoInteractions(records, changes);
  }

  @Test
  void theStartFormBecomesAnUrgentEmergencyRequestOfTheInitiatorOnTheDefaultAdapter() {
    when(adapters.defaultAdapter()).thenReturn("sandbox");
    when(changes.registerStarted(any(), eq("ops-lead"), eq(ChangeType.EMERGENCY), anyString()))
        .thenReturn(change("ops-lead"));

    EmergencyService.Registration registered =
        emergencies.register(null, false, "ops-lead", form(" api-1, ,api-2 ", " INC-42 "));

    ArgumentCaptor<ChangeRequest> request = ArgumentCaptor.forClass(ChangeRequest.class);
    verify(changes).registerStarted(request.capture(), eq("ops-lead"), eq(ChangeType.EMERGENCY),
        eq("Started as an emergency from Tasklist by ops-lead (operations)"));
    ChangeRequest asked = request.getValue();
    assertThat(asked.title()).isEqualTo("Hotfix card declines");
    assertThat(asked.service()).isEqualTo("payments-api");
    assertThat(asked.environment()).isEqualTo("production");
    assertThat(asked.impact()).isEqualTo("HIGH");
    assertThat(asked.urgency()).isEqualTo("HIGH");
    assertThat(asked.emergency()).isTrue();
    assertThat(asked.emergencyJustification()).isEqualTo("Card payments fail");
    assertThat(asked.dryRun()).isFalse();
    assertThat(asked.regulated()).isFalse();
    assertThat(asked.securityRelevant()).isFalse();
    assertThat(asked.plannedStart()).isNull();
    assertThat(asked.standardChangeTemplate()).isNull();
    assertThat(asked.artifact()).isEqualTo(new Artifact("payments-api", "2.0.1", null));
    assertThat(asked.targets()).containsExactly(new Target("sandbox", "api-1"), new Target("sandbox", "api-2"));
    assertThat(asked.validation()).isEqualTo(new ValidationSpec(0.02, 800, 0, null));

    assertThat(registered).isEqualTo(new EmergencyService.Registration(ID,
        "Started as an emergency from Tasklist by ops-lead (operations)"));
    verify(records).ensure(ID, "ops-lead", "INC-42", EmergencyService.FROM_TASKLIST, NOW);
  }

  @Test
  void aFormWithoutTargetsArtifactOrCriteriaAsksForNone() {
    when(changes.registerStarted(any(), anyString(), any(), anyString())).thenReturn(change("ops-lead"));
    EmergencyStartForm bare = new EmergencyStartForm("Hotfix", "payments-api", "production", null, null, null,
        "HIGH", "Card payments fail", "", " ", null, null, null);

    emergencies.register(null, false, "ops-lead", bare);

    ArgumentCaptor<ChangeRequest> request = ArgumentCaptor.forClass(ChangeRequest.class);
    verify(changes).registerStarted(request.capture(), anyString(), any(), anyString());
    assertThat(request.getValue().targets()).isNull();
    assertThat(request.getValue().artifact()).isNull();
    assertThat(request.getValue().validation()).isNull();
    verify(records).ensure(ID, "ops-lead", null, EmergencyService.FROM_TASKLIST, NOW);
  }

  @Test
  void anInvalidFormIsRefusedWithEveryFieldAndNothingIsRecorded() {
    when(changes.registerStarted(any(), anyString(), any(), anyString())).thenThrow(new InvalidRequestException(
        "The change has 2 invalid fields", List.of(new FieldError("service", "must not be blank"),
        new FieldError("artifact.digest", "must be 'sha256:' followed by 64 hex digits"))));

    assertThatThrownBy(() -> emergencies.register(null, false, "ops-lead", form("api-1", null)))
        .isInstanceOf(GovernanceRefusal.class)
        .hasMessageContaining("The change has 2 invalid fields")
        .hasMessageContaining("service must not be blank")
        .hasMessageContaining("artifact.digest must be");
    verifyNoInteractions(records);
  }

  // ------------------------------------------------------------------ blackout override

  @Test
  void aClearSlotRecordsNoOverride() {
    when(changes.get(ID)).thenReturn(change("ops-lead"));
    Slot slot = Slot.of(NOW, Duration.ofHours(1));
    when(calendar.check(ID, "payments-api", "production", NOW))
        .thenReturn(new CalendarVerdict(SlotState.CLEAR, slot, List.of(), null, null));

    emergencies.recordBlackoutOverride(ID);

    verifyNoInteractions(records, audit);
  }

  @Test
  void aBlackoutNowIsOverriddenAndRecordedWithTheJustification() {
    when(changes.get(ID)).thenReturn(change("ops-lead"));
    Slot slot = Slot.of(NOW, Duration.ofHours(1));
    CalendarConflict freeze = new CalendarConflict(ConflictType.BLACKOUT, true, "Blackout BLK-000001 \"Freeze\"",
        "BLK-000001", null, NOW.minusSeconds(3600), NOW.plusSeconds(7200));
    when(calendar.check(ID, "payments-api", "production", NOW))
        .thenReturn(new CalendarVerdict(SlotState.BLOCKED, slot, List.of(freeze), NOW.plusSeconds(7200), null));

    emergencies.recordBlackoutOverride(ID);

    verify(records).blackoutOverridden(ID, "Blackout BLK-000001 \"Freeze\"");
    verify(audit).record(ChangeService.SYSTEM_ACTOR, AuditAction.BLACKOUT_OVERRIDDEN, ID,
        Map.of("window", "Blackout BLK-000001 \"Freeze\"", "justification", "Card payments fail"));
  }

  // ------------------------------------------------------------------ post-implementation review

  @Test
  void theReviewNeedsAVerdict() {
    for (String verdict : new String[] {null, "", "FINE", "accepted"}) {
      assertThatThrownBy(() -> emergencies.recordReview(ID, verdict, "ok", "cab-chair"))
          .isInstanceOf(GovernanceRefusal.class).hasMessageContaining("pirVerdict");
    }
    verifyNoInteractions(records, audit);
  }

  @Test
  void anAbuseNeedsAReason() {
    assertThatThrownBy(() -> emergencies.recordReview(ID, "SHOULD_HAVE_BEEN_NORMAL", " ", "cab-chair"))
        .isInstanceOf(GovernanceRefusal.class).hasMessageContaining("Say why");
    verifyNoInteractions(records, audit);
  }

  @Test
  void aVerdictIsRecordedWithItsReviewerAndTime() {
    assertThat(emergencies.recordReview(ID, "SHOULD_HAVE_BEEN_NORMAL", "Could wait a day", "cab-chair"))
        .isEqualTo(PirVerdict.SHOULD_HAVE_BEEN_NORMAL);
    assertThat(emergencies.recordReview(ID, "ACCEPTED", null, "cab-chair")).isEqualTo(PirVerdict.ACCEPTED);

    verify(records).reviewed(ID, PirVerdict.SHOULD_HAVE_BEEN_NORMAL, "cab-chair", "Could wait a day", NOW);
    verify(records).reviewed(ID, PirVerdict.ACCEPTED, "cab-chair", null, NOW);
    verify(audit).record("cab-chair", AuditAction.PIR_RECORDED, ID,
        Map.of("verdict", "ACCEPTED", "comment", ""));
    verify(audit).record("cab-chair", AuditAction.PIR_RECORDED, ID,
        Map.of("verdict", "SHOULD_HAVE_BEEN_NORMAL", "comment", "Could wait a day"));
  }

  @Test
  void theTimelineShowsEveryEntryOldestFirst() {
    when(audit.entriesOf(ID)).thenReturn(List.of(
        new AuditEntry(1, NOW, "ops-lead", "SUBMITTED", ID, "{}", "0", "1"),
        new AuditEntry(2, NOW.plusSeconds(60), "cab-chair", "DECISION", ID, "{}", "1", "2")));

    assertThat(emergencies.timeline(ID)).containsExactly(
        new EmergencyService.TimelineRow("2026-11-02T10:15:00Z", "SUBMITTED", "ops-lead"),
        new EmergencyService.TimelineRow("2026-11-02T10:16:00Z", "DECISION", "cab-chair"));
  }
}
