package io.changegate.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proposed order of contended bookings and the overlap count, without a database. */
class BookingOrderTest {

  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  private static Booking booking(String id, String team, Criticality criticality, int requestedMinute, int fromHour,
      int toHour) {
    return new Booking(id, "qa", team, "r", null, criticality, T0.plusSeconds(fromHour * 3600L),
        T0.plusSeconds(toHour * 3600L), BookingState.CONTENDED, null, "c", "u", T0.plusSeconds(requestedMinute * 60L),
        null, null, null);
  }

  private static List<String> ids(List<BookingOrder.Ranked> ranked) {
    return ranked.stream().map(r -> r.booking().id()).toList();
  }

  @Test
  void emergencyThenHighThenTheRestTheEarliestRequestFirst() {
    List<Booking> bookings = List.of(booking("normal-old", "a", Criticality.NORMAL, 1, 0, 4),
        booking("high", "b", Criticality.HIGH, 3, 0, 4), booking("normal-new", "c", Criticality.NORMAL, 2, 0, 4),
        booking("emergency", "d", Criticality.EMERGENCY, 4, 0, 4));

    assertThat(ids(BookingOrder.propose(bookings, 5))).containsExactly("emergency", "high", "normal-old",
        "normal-new");
  }

  @Test
  void aTeamBeyondItsQuotaRanksAfterTeamsWithinItButNeverAnEmergency() {
    List<Booking> bookings = List.of(booking("a1", "a", Criticality.NORMAL, 1, 0, 4),
        booking("a2", "a", Criticality.NORMAL, 2, 0, 4), booking("b1", "b", Criticality.NORMAL, 3, 0, 4),
        booking("a3", "a", Criticality.EMERGENCY, 4, 0, 4), booking("a4", "a", Criticality.HIGH, 5, 0, 4));

    List<BookingOrder.Ranked> ranked = BookingOrder.propose(bookings, 1);

    assertThat(ids(ranked)).containsExactly("a3", "a4", "a1", "b1", "a2");
    assertThat(ranked.get(0).overQuota()).as("an emergency is never beyond quota").isFalse();
    assertThat(ranked.get(1).why()).isEqualTo("HIGH risk, team a beyond its quota");
    assertThat(ranked.get(4).overQuota()).isTrue();
  }

  @Test
  void overlapCountsHalfOpenRangesWithinTheWindow() {
    List<Booking> bookings = List.of(booking("x", "a", Criticality.NORMAL, 1, 0, 2),
        booking("y", "a", Criticality.NORMAL, 1, 2, 4), booking("z", "a", Criticality.NORMAL, 1, 1, 3));

    assertThat(BookingOrder.maxOverlap(bookings, T0, T0.plusSeconds(4 * 3600))).isEqualTo(2);
    assertThat(BookingOrder.maxOverlap(bookings.subList(0, 2), T0, T0.plusSeconds(4 * 3600)))
        .as("back to back").isEqualTo(1);
    assertThat(BookingOrder.maxOverlap(bookings, T0.plusSeconds(5 * 3600), T0.plusSeconds(6 * 3600))).isZero();
  }
}
