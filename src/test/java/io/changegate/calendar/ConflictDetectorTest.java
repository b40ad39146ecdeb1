package io.changegate.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.changegate.change.Change;
import io.changegate.change.ChangeStatus;
import io.changegate.change.ChangeType;
import io.changegate.change.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conflict detection and the search for the next free slot ({@link ConflictDetector}) over in-memory windows,
 * dependencies and planned changes, without Spring or a database. Times are UTC unless a window says otherwise.
 */
class ConflictDetectorTest {

  static final ZoneId UTC = ZoneId.of("UTC");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Duration HOUR = Duration.ofHours(1);

  private final List<CalendarWindow> stored = new ArrayList<>();
  private final List<ScheduledChanges.PlannedChange> planned = new ArrayList<>();
  private final Map<String, List<String>> dependsOn = new HashMap<>();
  private final WindowRepository windows = mock(WindowRepository.class);
  private final ServiceDependencies dependencies = mock(ServiceDependencies.class);
  private final ScheduledChanges changes = mock(ScheduledChanges.class);
  private final ConflictDetector detector = new ConflictDetector(windows, dependencies, changes,
      new CalendarProperties(HOUR, Duration.ofDays(30)), io.changegate.support.Catalogs.demo(),
      mock(ReleasePolicies.class));

  private final ConflictDetector.Subject payments =
      new ConflictDetector.Subject("CHG-000001", "payments-api", "production", false);
  private final ConflictDetector.Subject risky =
      new ConflictDetector.Subject("CHG-000001", "payments-api", "production", true);

  /** The repositories answer from the lists above, with the filters their SQL applies. */
  @BeforeEach
  void inMemoryStores() {
    when(windows.candidates(any(), any(), anyString(), any(), any())).thenAnswer(call -> {
      WindowKind kind = call.getArgument(0);
      Collection<String> services = call.getArgument(1);
      String environment = call.getArgument(2);
      Instant from = call.getArgument(3);
      Instant to = call.getArgument(4);
      return stored.stream().filter(w -> w.kind() == kind)
          .filter(w -> w.service() == null || services.contains(w.service()))
          .filter(w -> w.environment() == null || w.environment().equals(environment))
          .filter(w -> w.lastEnd().isAfter(from) && w.firstStart().isBefore(to)).toList();
    });
    when(dependencies.of(anyString())).thenAnswer(call -> dependsOn.getOrDefault(call.getArgument(0), List.of()));
    when(changes.overlapping(anyString(), anyString(), anyString(), any(), any())).thenAnswer(call -> {
      String service = call.getArgument(0);
      String environment = call.getArgument(1);
      String exclude = call.getArgument(2);
      Slot slot = call.getArgument(3);
      return planned.stream().filter(c -> c.service().equals(service) && c.environment().equals(environment))
          .filter(c -> !c.id().equals(exclude)).filter(c -> slot.overlaps(c.start(), c.end())).toList();
    });
  }

  private CalendarWindow window(WindowKind kind, String id, String start, String end, ZoneId zone, String rule,
      String service, String environment) {
    LocalDateTime from = LocalDateTime.parse(start);
    LocalDateTime to = LocalDateTime.parse(end);
    WindowSchedule.Span span = WindowSchedule.span(from, to, zone, rule);
    CalendarWindow window = new CalendarWindow(id, kind, kind == WindowKind.BLACKOUT ? "Freeze" : "Maintenance",
        "test reason", from, to, zone, rule == null ? null : WindowSchedule.canonical(rule), service, environment,
        span.firstStart(), span.lastEnd(), "cab-chair", Instant.parse("2026-01-01T00:00:00Z"));
    stored.add(window);
    return window;
  }

  private void plannedChange(String id, String start, String end) {
    planned.add(new ScheduledChanges.PlannedChange(id, "Other change", "payments-api", "production",
        ChangeStatus.SCHEDULED, ChangeType.NORMAL, Instant.parse(start), Instant.parse(end)));
  }

  static Slot slot(String start) {
    return Slot.of(Instant.parse(start), HOUR);
  }

  // ------------------------------------------------------------------ conflicts

  @Test
  void aSlotWithNothingAroundItHasNoConflicts() {
    window(WindowKind.BLACKOUT, "BLK-000001", "2026-12-01T00:00", "2026-12-02T00:00", UTC, null, "payments-api",
        "production");

    assertThat(detector.conflicts(payments, slot("2026-11-30T22:00:00Z"))).isEmpty();
    assertThat(detector.conflicts(payments, slot("2026-12-02T00:00:00Z"))).isEmpty();
  }

  @Test
  void aBlackoutOfTheServiceOrOfEverythingBlocksAndSaysWhichAndWhenInItsZone() {
    window(WindowKind.BLACKOUT, "BLK-000001", "2026-12-18T17:00", "2026-12-21T06:00", BERLIN, null, null, null);

    List<CalendarConflict> conflicts = detector.conflicts(payments, slot("2026-12-19T10:00:00Z"));

    assertThat(conflicts).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo(ConflictType.BLACKOUT);
      assertThat(c.blocking()).isTrue();
      assertThat(c.windowId()).isEqualTo("BLK-000001");
      assertThat(c.start()).isEqualTo("2026-12-18T16:00:00Z");
      assertThat(c.end()).isEqualTo("2026-12-21T05:00:00Z");
      assertThat(c.summary()).isEqualTo("Blackout BLK-000001 \"Freeze\" (everything), 2026-12-18 17:00 (+01:00) to "
          + "2026-12-21 06:00 (+01:00) Europe/Berlin: test reason");
    });
  }

  @Test
  void aBlackoutOfAnotherServiceOrEnvironmentDoesNotConcernTheChange() {
    window(WindowKind.BLACKOUT, "BLK-000001", "2026-12-18T00:00", "2026-12-20T00:00", UTC, null, "ledger",
        "production");
    window(WindowKind.BLACKOUT, "BLK-000002", "2026-12-18T00:00", "2026-12-20T00:00", UTC, null, null, "staging");

    assertThat(detector.conflicts(payments, slot("2026-12-19T10:00:00Z"))).isEmpty();
  }

  @Test
  void onlyTheOccurrencesOfARecurringBlackoutThatOverlapTheSlotBlockIt() {
    // every Friday 18:00 to Monday 06:00, Berlin
    window(WindowKind.BLACKOUT, "BLK-000001", "2026-10-02T18:00", "2026-10-05T06:00", BERLIN, "FREQ=WEEKLY;BYDAY=FR",
        "payments-api", null);

    assertThat(detector.conflicts(payments, slot("2026-10-26T04:30:00Z"))).extracting(CalendarConflict::type)
        .containsExactly(ConflictType.BLACKOUT); // Monday 05:30 CET: still frozen
    assertThat(detector.conflicts(payments, slot("2026-10-26T05:00:00Z"))).isEmpty(); // 06:00 CET: free
    assertThat(detector.conflicts(payments, slot("2026-10-28T10:00:00Z"))).isEmpty(); // Wednesday
  }

  @Test
  void maintenanceOfADependencyBlocksButTheServicesOwnMaintenanceDoesNot() {
    dependsOn.put("payments-api", List.of("card-gateway"));
    window(WindowKind.MAINTENANCE, "MNT-000001", "2026-12-19T08:00", "2026-12-19T12:00", UTC, null, "card-gateway",
        null);
    window(WindowKind.MAINTENANCE, "MNT-000002", "2026-12-19T08:00", "2026-12-19T12:00", UTC, null, "payments-api",
        null);

    List<CalendarConflict> conflicts = detector.conflicts(payments, slot("2026-12-19T10:00:00Z"));

    assertThat(conflicts).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo(ConflictType.DEPENDENCY_MAINTENANCE);
      assertThat(c.blocking()).isTrue();
      assertThat(c.windowId()).isEqualTo("MNT-000001");
      assertThat(c.summary()).startsWith("Maintenance of card-gateway, which payments-api depends on, MNT-000001");
    });
  }

  @Test
  void anotherOpenChangeOnTheSameServiceAndEnvironmentOverlapsWithoutBlocking() {
    plannedChange("CHG-000002", "2026-12-19T10:30:00Z", "2026-12-19T11:30:00Z");
    plannedChange("CHG-000001", "2026-12-19T10:00:00Z", "2026-12-19T11:00:00Z"); // the change itself

    List<CalendarConflict> conflicts = detector.conflicts(payments, slot("2026-12-19T10:00:00Z"));

    assertThat(conflicts).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo(ConflictType.CHANGE_OVERLAP);
      assertThat(c.blocking()).isFalse();
      assertThat(c.changeId()).isEqualTo("CHG-000002");
      assertThat(c.summary()).startsWith("Overlaps CHG-000002 \"Other change\" (SCHEDULED) on payments-api in "
          + "production");
    });
  }

  @Test
  void aHighRiskProductionChangeBelongsInsideAMaintenanceWindowOfItsService() {
    window(WindowKind.MAINTENANCE, "MNT-000001", "2026-12-19T08:00", "2026-12-19T12:00", UTC, null, "payments-api",
        "production");

    assertThat(detector.conflicts(risky, slot("2026-12-19T09:00:00Z"))).isEmpty();
    assertThat(detector.conflicts(payments, slot("2026-12-19T14:00:00Z"))).isEmpty();
    // partly outside the window is outside
    assertThat(detector.conflicts(risky, slot("2026-12-19T11:30:00Z"))).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo(ConflictType.OUTSIDE_MAINTENANCE_WINDOW);
      assertThat(c.blocking()).isFalse();
      assertThat(c.summary()).startsWith("HIGH-risk change to production outside every maintenance window of "
          + "payments-api");
    });
  }

  @Test
  void blockingConflictsComeFirstEachGroupInTimeOrder() {
    plannedChange("CHG-000002", "2026-12-19T09:30:00Z", "2026-12-19T10:30:00Z");
    window(WindowKind.BLACKOUT, "BLK-000002", "2026-12-19T10:30", "2026-12-19T12:00", UTC, null, null, null);
    window(WindowKind.BLACKOUT, "BLK-000001", "2026-12-19T09:00", "2026-12-19T10:15", UTC, null, null, null);

    List<CalendarConflict> conflicts = detector.conflicts(risky, slot("2026-12-19T10:00:00Z"));

    assertThat(conflicts).extracting(CalendarConflict::type).containsExactly(ConflictType.BLACKOUT,
        ConflictType.BLACKOUT, ConflictType.CHANGE_OVERLAP, ConflictType.OUTSIDE_MAINTENANCE_WINDOW);
    assertThat(conflicts.subList(0, 2)).extracting(CalendarConflict::windowId)
        .containsExactly("BLK-000001", "BLK-000002");
  }

  // ------------------------------------------------------------------ the subject

  @Test
  void aChangeIsHighRiskProductionByItsRiskLevelOrElseItsImpact() {
    assertThat(detector.subject(change("production", Level.HIGH, null)).highRiskProduction()).isTrue();
    assertThat(detector.subject(change("production", Level.HIGH, Level.LOW)).highRiskProduction()).isFalse();
    assertThat(detector.subject(change("production", Level.LOW, Level.HIGH)).highRiskProduction()).isTrue();
    assertThat(detector.subject(change("staging", Level.HIGH, Level.HIGH)).highRiskProduction()).isFalse();
  }

  static Change change(String environment, Level impact, Level riskLevel) {
    Instant now = Instant.parse("2026-11-01T00:00:00Z");
    return new Change("CHG-000001", "Change", null, "payments-api", environment, null, impact, Level.LOW, false,
        false, null, false, null, null, null, List.of(), null, null, false, "requester", ChangeStatus.APPROVED,
        ChangeType.NORMAL, null, riskLevel, now, now);
  }

  // ------------------------------------------------------------------ the next free slot

  @Test
  void theNextFreeSlotSkipsBackToBackWindowsAndOtherChanges() {
    window(WindowKind.BLACKOUT, "BLK-000001", "2026-12-19T09:00", "2026-12-19T11:00", UTC, null, null, null);
    window(WindowKind.BLACKOUT, "BLK-000002", "2026-12-19T11:00", "2026-12-19T12:00", UTC, null, "payments-api",
        null);
    plannedChange("CHG-000002", "2026-12-19T12:00:00Z", "2026-12-19T12:30:00Z");

    Slot next = detector.nextFreeSlot(payments, Instant.parse("2026-12-19T10:00:00Z"), HOUR);

    assertThat(next).isEqualTo(slot("2026-12-19T12:30:00Z"));
  }

  @Test
  void aSlotThatIsFreeAlreadyIsItsOwnNextFreeSlot() {
    assertThat(detector.nextFreeSlot(payments, Instant.parse("2026-12-19T10:00:00Z"), HOUR))
        .isEqualTo(slot("2026-12-19T10:00:00Z"));
  }

  @Test
  void aHighRiskProductionChangeIsSentToTheNextMaintenanceWindowThatFitsIt() {
    window(WindowKind.MAINTENANCE, "MNT-000001", "2026-12-19T12:00", "2026-12-19T12:30", UTC, null, "payments-api",
        "production"); // too short
    window(WindowKind.MAINTENANCE, "MNT-000002", "2026-12-20T02:00", "2026-12-20T05:00", UTC, null, "payments-api",
        "production");

    assertThat(detector.nextFreeSlot(risky, Instant.parse("2026-12-19T10:00:00Z"), HOUR))
        .isEqualTo(slot("2026-12-20T02:00:00Z"));
  }

  @Test
  void withoutAnyMaintenanceWindowAHighRiskChangeGetsTheFirstSlotFreeOfTheRest() {
    window(WindowKind.BLACKOUT, "BLK-000001", "2026-12-19T09:00", "2026-12-19T11:00", UTC, null, null, null);

    assertThat(detector.nextFreeSlot(risky, Instant.parse("2026-12-19T10:00:00Z"), HOUR))
        .isEqualTo(slot("2026-12-19T11:00:00Z"));
  }

  @Test
  void aFreezeBeyondTheHorizonLeavesNoFreeSlot() {
    window(WindowKind.BLACKOUT, "BLK-000001", "2026-12-01T00:00", "2027-03-01T00:00", UTC, null, null, null);

    assertThat(detector.nextFreeSlot(payments, Instant.parse("2026-12-19T10:00:00Z"), HOUR)).isNull();
  }
}
