package io.changegate.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.change.Level;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Release trains without Spring: which slots they admit and when the next one leaves. */
class ReleasePolicyTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  final ReleasePolicy weekly = new ReleasePolicy("payments-api", ReleasePolicy.Cadence.WEEKLY, DayOfWeek.TUESDAY, null,
      LocalTime.of(10, 0), LocalTime.of(12, 0), BERLIN, Set.of(Level.MEDIUM, Level.HIGH), "cab-chair", Instant.EPOCH);

  @Test
  void aWeeklyTrainAdmitsASlotInsideItsWindowOnly() {
    // 2031-01-07 is a Tuesday; Berlin is UTC+1 in January
    assertThat(weekly.admits(Slot.of(Instant.parse("2031-01-07T09:30:00Z"), Duration.ofMinutes(30)))).isTrue();
    assertThat(weekly.admits(Slot.of(Instant.parse("2031-01-07T10:45:00Z"), Duration.ofMinutes(30)))).isFalse();
    assertThat(weekly.admits(Slot.of(Instant.parse("2031-01-08T09:30:00Z"), Duration.ofMinutes(30)))).isFalse();
  }

  @Test
  void theNextTrainIsTheNextWindowTheSlotFitsIn() {
    assertThat(weekly.nextStart(Instant.parse("2031-01-08T09:30:00Z"), Duration.ofMinutes(30)))
        .isEqualTo(Instant.parse("2031-01-14T09:00:00Z"));
    assertThat(weekly.nextStart(Instant.parse("2031-01-07T10:45:00Z"), Duration.ofMinutes(30)))
        .as("too late for this one").isEqualTo(Instant.parse("2031-01-14T09:00:00Z"));
    assertThat(weekly.nextStart(Instant.parse("2031-01-07T09:15:00Z"), Duration.ofMinutes(30)))
        .as("inside an open window").isEqualTo(Instant.parse("2031-01-07T09:15:00Z"));
  }

  @Test
  void onlyTheListedRiskClassesRideTheTrainAndContinuousGovernsNothing() {
    assertThat(weekly.governs(Level.HIGH)).isTrue();
    assertThat(weekly.governs(Level.LOW)).isFalse();
    ReleasePolicy monthly = new ReleasePolicy("ledger", ReleasePolicy.Cadence.MONTHLY, null, 1, LocalTime.of(6, 0),
        LocalTime.of(8, 0), ZoneId.of("UTC"), Set.of(Level.LOW), "ops-lead", Instant.EPOCH);
    assertThat(monthly.nextStart(Instant.parse("2031-01-02T00:00:00Z"), Duration.ofHours(1)))
        .isEqualTo(Instant.parse("2031-02-01T06:00:00Z"));
    ReleasePolicy continuous = new ReleasePolicy("web", ReleasePolicy.Cadence.CONTINUOUS, null, null, null, null, null,
        Set.of(Level.HIGH), "ops-lead", Instant.EPOCH);
    assertThat(continuous.governs(Level.HIGH)).isFalse();
  }
}
