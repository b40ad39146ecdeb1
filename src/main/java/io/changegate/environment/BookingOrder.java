package io.changegate.environment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which contended bookings are proposed to the owner: emergency first, then HIGH, then the rest; within
 * a criticality, the bookings of teams within their quota before those beyond it; then the earliest requested. A
 * team's bookings count against its quota in the order they were requested; an emergency booking is never beyond
 * quota. Also: how many bookings overlap at once, to tell whether they contend.
 */
public final class BookingOrder {

  /** A booking's place in the proposed order, and why. */
  public record Ranked(Booking booking, int position, boolean overQuota) {

    public String why() {
      return switch (booking.criticality()) {
        case EMERGENCY -> "emergency";
        case HIGH -> "HIGH risk";
        case NORMAL -> "normal";
      } + (overQuota ? ", team " + booking.team() + " beyond its quota" : "");
    }
  }

  private BookingOrder() {}

  public static List<Ranked> propose(List<Booking> bookings, int teamQuota) {
    List<Booking> byRequest = new ArrayList<>(bookings);
    byRequest.sort(Comparator.comparing(Booking::requestedAt).thenComparing(Booking::id));
    Map<String, Integer> counted = new HashMap<>();
    Map<String, Boolean> overQuota = new HashMap<>();
    for (Booking booking : byRequest) {
      int count = counted.merge(booking.team(), 1, Integer::sum);
      overQuota.put(booking.id(), booking.criticality() != Criticality.EMERGENCY && count > teamQuota);
    }
    byRequest.sort(Comparator.comparing(Booking::criticality)
        .thenComparing(b -> overQuota.get(b.id()))
        .thenComparing(Booking::requestedAt).thenComparing(Booking::id));
    List<Ranked> ranked = new ArrayList<>();
    for (Booking booking : byRequest) {
      ranked.add(new Ranked(booking, ranked.size() + 1, overQuota.get(booking.id())));
    }
    return ranked;
  }

  /** The most bookings that overlap at one instant within [from, to). */
  public static int maxOverlap(List<Booking> bookings, Instant from, Instant to) {
    record Edge(Instant at, int delta) {}
    List<Edge> edges = new ArrayList<>();
    for (Booking b : bookings) {
      if (b.overlaps(from, to)) {
        edges.add(new Edge(b.start().isBefore(from) ? from : b.start(), 1));
        edges.add(new Edge(b.end().isAfter(to) ? to : b.end(), -1));
      }
    }
    // an end at the same instant as a start frees its place first: ranges are half-open
    edges.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::delta));
    int now = 0;
    int max = 0;
    for (Edge edge : edges) {
      now += edge.delta();
      max = Math.max(max, now);
    }
    return max;
  }

  /** The order as one line per booking, for the owner's task and the audit trail. */
  public static String describe(List<Ranked> ranked) {
    StringBuilder text = new StringBuilder();
    for (Ranked r : ranked) {
      Booking b = r.booking();
      text.append(r.position()).append(". ").append(b.id()).append(" - team ").append(b.team()).append(", ")
          .append(b.start()).append(" to ").append(b.end()).append(", ")
          .append(b.changeId() != null ? b.changeId() : b.release()).append(" (").append(r.why()).append(")\n");
    }
    return text.toString().strip();
  }
}
