package io.changegate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.web.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DORA figures of known histories, computed by hand; each key's edge cases; periods, time zones, DST. */
class DoraCalculatorTest {

  static final ZoneId UTC = ZoneOffset.UTC;
  static final Period TWO_WEEKS = Period.ofDays(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-15"), UTC);
  final DoraCalculator calculator = new DoraCalculator(Duration.ofHours(24));

  static Instant t(String text) {
    return Instant.parse(text);
  }

  static Deployment deployment(String id, boolean emergency, String created, String commit, String deployed,
      String status, String rolledBack, String incident) {
    return new Deployment(id, "payments-api", "payments", "production", emergency, t(created),
        commit == null ? null : t(commit), t(deployed), status, rolledBack == null ? null : t(rolledBack),
        incident == null ? null : t(incident));
  }

  /** The history of the class comment of each figure below. */
  static List<Deployment> knownHistory() {
    return List.of(
        // before the period: failed, never rolled back (A fixes it forward)
        deployment("H", false, "2026-03-01T20:00:00Z", null, "2026-03-01T23:00:00Z", "FAILED", null, null),
        deployment("A", false, "2026-03-01T10:00:00Z", "2026-03-02T08:00:00Z", "2026-03-02T10:00:00Z", "COMPLETED",
            null, null),
        deployment("B", false, "2026-03-03T00:00:00Z", null, "2026-03-04T00:00:00Z", "ROLLED_BACK",
            "2026-03-04T02:00:00Z", "2026-03-04T01:00:00Z"),
        deployment("C", false, "2026-03-04T12:00:00Z", "2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z", "COMPLETED",
            null, "2026-03-06T05:00:00Z"),
        deployment("D", true, "2026-03-06T06:00:00Z", null, "2026-03-06T12:00:00Z", "COMPLETED", null, null),
        deployment("E", false, "2026-03-09T12:00:00Z", "2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z", "COMPLETED",
            null, null),
        deployment("F", true, "2026-03-10T18:00:00Z", null, "2026-03-10T20:00:00Z", "COMPLETED", null, null),
        // after the period: a neighbour only
        deployment("G", false, "2026-03-15T00:00:00Z", null, "2026-03-16T00:00:00Z", "COMPLETED", null, null));
  }

  @Test
  void aKnownHistoryGivesTheFiguresComputedByHand() {
    DoraFigures f = calculator.figures(TWO_WEEKS, knownHistory());

    // A..F lie in the period: 6 deployments in 14 days = 3 a week
    assertThat(f.deployments()).isEqualTo(6);
    assertThat(f.days()).isEqualTo(14);
    assertThat(f.deploymentsPerWeek()).isEqualTo(3.0);
    // lead times A 2 h (commit), B 24 (creation), C 24 (commit), D 6 (creation), E 24 (commit), F 2 (creation):
    // sorted 2 2 6 24 24 24 -> median (6 + 24) / 2 = 15, p90 = the 6th = 24
    assertThat(f.leadTimeMedianHours()).isEqualTo(15.0);
    assertThat(f.leadTimeP90Hours()).isEqualTo(24.0);
    assertThat(f.leadTimeBasis()).isEqualTo("MIXED");
    assertThat(f.leadTimeFromCommit()).isEqualTo(3);
    assertThat(f.leadTimeFromCreation()).isEqualTo(3);
    // failures: B rolled back (its incident does not count twice), C incident-linked, E followed by emergency fix F
    assertThat(f.failures()).isEqualTo(3);
    assertThat(f.failedRolledBack()).isEqualTo(1);
    assertThat(f.failedIncidentLinked()).isEqualTo(1);
    assertThat(f.failedEmergencyFix()).isEqualTo(1);
    assertThat(f.failedDeployment()).isZero();
    assertThat(f.changeFailureRate()).isEqualTo(50.0);
    // recovery: B to its rollback 2 h, C to the next good deployment D 12 h, E to its fix F 20 h -> median 12
    assertThat(f.recoveryMedianHours()).isEqualTo(12.0);
    assertThat(f.recoveryP90Hours()).isEqualTo(20.0);
    assertThat(f.recovered()).isEqualTo(3);
    assertThat(f.unrecovered()).isZero();
    // rework: A fixes H forward, D and F are emergencies -> 3 of 6
    assertThat(f.rework()).isEqualTo(3);
    assertThat(f.reworkRate()).isEqualTo(50.0);
  }

  @Test
  void aPeriodWithoutDeploymentsHasNoRatesAndNoLeadTime() {
    DoraFigures f = calculator.figures(TWO_WEEKS, List.of());

    assertThat(f.deployments()).isZero();
    assertThat(f.deploymentsPerWeek()).isZero();
    assertThat(f.leadTimeMedianHours()).isNull();
    assertThat(f.leadTimeBasis()).isNull();
    assertThat(f.changeFailureRate()).isNull();
    assertThat(f.recoveryMedianHours()).isNull();
    assertThat(f.reworkRate()).isNull();
  }

  @Test
  void withoutACommitTimeLeadTimeCountsFromTheChangesCreationAndSaysSo() {
    DoraFigures none = calculator.figures(TWO_WEEKS, List.of(
        deployment("X", false, "2026-03-02T00:00:00Z", null, "2026-03-02T06:00:00Z", "COMPLETED", null, null)));
    DoraFigures all = calculator.figures(TWO_WEEKS, List.of(
        deployment("Y", false, "2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z", "2026-03-02T06:00:00Z", "COMPLETED",
            null, null)));

    assertThat(none.leadTimeBasis()).isEqualTo("CHANGE_CREATION");
    assertThat(none.leadTimeMedianHours()).isEqualTo(6.0);
    assertThat(all.leadTimeBasis()).isEqualTo("COMMIT");
    assertThat(all.leadTimeMedianHours()).isEqualTo(30.0);
  }

  @Test
  void aRollbackAndAnIncidentLinkedFailureAreTellApartAndAnUnrecoveredFailureHasNoRecoveryTime() {
    DoraFigures f = calculator.figures(TWO_WEEKS, List.of(
        deployment("R", false, "2026-03-02T00:00:00Z", null, "2026-03-02T01:00:00Z", "ROLLED_BACK",
            "2026-03-02T01:30:00Z", null),
        deployment("I", false, "2026-03-03T00:00:00Z", null, "2026-03-03T01:00:00Z", "COMPLETED", null,
            "2026-03-03T02:00:00Z")));

    assertThat(f.failedRolledBack()).isEqualTo(1);
    assertThat(f.failedIncidentLinked()).isEqualTo(1);
    assertThat(f.changeFailureRate()).isEqualTo(100.0);
    // R recovered by its rollback in 0.5 h; I was never followed by a good deployment
    assertThat(f.recovered()).isEqualTo(1);
    assertThat(f.unrecovered()).isEqualTo(1);
    assertThat(f.recoveryMedianHours()).isEqualTo(0.5);
    // I fixes nothing forward: R was rolled back
    assertThat(f.rework()).isZero();
  }

  @Test
  void anEmergencyChangeLaterThanTheWindowIsNoFixOfTheDeploymentBefore() {
    DoraFigures f = calculator.figures(TWO_WEEKS, List.of(
        deployment("P", false, "2026-03-02T00:00:00Z", null, "2026-03-02T00:00:00Z", "COMPLETED", null, null),
        deployment("Q", true, "2026-03-03T00:00:00Z", null, "2026-03-03T00:00:01Z", "COMPLETED", null, null)));

    assertThat(f.failures()).isZero();
    assertThat(f.rework()).isEqualTo(1);
  }

  @Test
  void theStartOfThePeriodCountsAndItsEndDoesNot() {
    DoraFigures f = calculator.figures(TWO_WEEKS, List.of(
        deployment("S", false, "2026-03-01T00:00:00Z", null, "2026-03-02T00:00:00Z", "COMPLETED", null, null),
        deployment("T", false, "2026-03-15T00:00:00Z", null, "2026-03-16T00:00:00Z", "COMPLETED", null, null),
        deployment("U", false, "2026-03-15T00:00:00Z", null, "2026-03-15T23:59:59Z", "COMPLETED", null, null)));

    assertThat(calculator.assess(TWO_WEEKS, knownHistory()).stream().map(a -> a.deployment().changeId()))
        .containsExactly("A", "B", "C", "D", "E", "F");
    assertThat(f.deployments()).isEqualTo(2);
  }

  @Test
  void daysAreCalendarDaysOfTheZoneSoADaylightSavingDayIsOneDay() {
    DeliveryProperties settings = new DeliveryProperties("production", Duration.ofHours(24), UTC, 90, 1830, 1000, Duration.ZERO, 30, false);
    Clock clock = Clock.fixed(t("2026-04-01T00:00:00Z"), UTC);
    // 29 March 2026: Europe/Berlin moves from +01:00 to +02:00, the day has 23 hours
    Period day = Period.parse("2026-03-29", "2026-03-29", "Europe/Berlin", settings, clock);

    assertThat(day.from()).isEqualTo(t("2026-03-28T23:00:00Z"));
    assertThat(day.to()).isEqualTo(t("2026-03-29T22:00:00Z"));
    assertThat(day.days()).isEqualTo(1);
    // 22:30 UTC that day is already 30 March in Berlin
    assertThat(day.contains(t("2026-03-29T21:59:59Z"))).isTrue();
    assertThat(day.contains(t("2026-03-29T22:30:00Z"))).isFalse();
    Period week = Period.parse("2026-03-23", "2026-03-29", "Europe/Berlin", settings, clock);
    assertThat(week.days()).isEqualTo(7);
    DoraFigures daily = calculator.figures(week, List.of(
        new Deployment("W", "payments-api", null, "production", false, t("2026-03-23T00:00:00Z"), null,
            t("2026-03-24T10:00:00Z"), "COMPLETED", null, null)));
    assertThat(daily.deploymentsPerWeek()).isEqualTo(1.0);
    // an instant period counts hours: 36 h = 1.5 days
    assertThat(Period.parse("2026-03-01T00:00:00Z", "2026-03-02T12:00:00Z", null, settings, clock).days())
        .isEqualTo(1.5);
    // without from/to: the last 90 days up to today
    Period recent = Period.parse(null, null, null, settings, clock);
    assertThat(recent.to()).isEqualTo(t("2026-04-02T00:00:00Z"));
    assertThat(recent.days()).isEqualTo(90);
  }

  @Test
  void aBadPeriodIsRefusedWithEveryField() {
    DeliveryProperties settings = new DeliveryProperties("production", Duration.ofHours(24), UTC, 90, 1830, 1000, Duration.ZERO, 30, false);
    Clock clock = Clock.fixed(t("2026-04-01T00:00:00Z"), UTC);

    assertThatThrownBy(() -> Period.parse("2026-13-01", "tomorrow", "Mars/Olympus", settings, clock))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
            .extracting(io.changegate.web.FieldError::field).containsExactlyInAnyOrder("from", "to", "zone"));
    assertThatThrownBy(() -> Period.parse("2026-03-02", "2026-03-01", null, settings, clock))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Invalid period");
    assertThatThrownBy(() -> Period.parse("2010-01-01", "2026-01-01", null, settings, clock))
        .isInstanceOf(InvalidRequestException.class);
  }
}
