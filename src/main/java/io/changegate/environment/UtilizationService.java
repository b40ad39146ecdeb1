package io.changegate.environment;

import io.changegate.deployment.EnvironmentSlots;
import io.changegate.deployment.SlotLimits;
import io.changegate.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Utilization of the environments ({@code GET /api/environments/utilization}, {@code GET
 * /api/environments/{name}/utilization}): deployments, bookings, deployment slots, idleness and the latest
 * decommission proposal. Kept apart from the catalog service, which the deployment slots themselves ask for capacity.
 */
@Service
public class UtilizationService {

  private final EnvironmentRepository catalog;
  private final BookingRepository bookings;
  private final EnvironmentSlots slots;
  private final SlotLimits limits;
  private final EnvironmentProperties properties;
  private final Clock clock;

  UtilizationService(EnvironmentRepository catalog, BookingRepository bookings, EnvironmentSlots slots,
      SlotLimits limits, EnvironmentProperties properties, Clock clock) {
    this.catalog = catalog;
    this.bookings = bookings;
    this.slots = slots;
    this.limits = limits;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * How the environment is used — deployments, bookings, deployment slots — and whether it is idle: a non-production
   * environment without a deployment or a booking for {@code changegate.environments.idle-days}.
   */
  public Utilization utilization(String name) {
    return utilization(catalog.find(name).orElseThrow(() -> new NotFoundException("No such environment",
        "The environment catalog has no environment '" + name + "'")));
  }

  /** The utilization of every environment of the catalog (the report). */
  public List<Utilization> utilizationReport() {
    return catalog.all().stream().map(this::utilization).toList();
  }

  private Utilization utilization(Environment environment) {
    String name = environment.name();
    Instant now = clock.instant();
    Optional<Instant> last = catalog.lastDeployment(name);
    Instant since = last.orElse(environment.createdAt());
    Optional<Instant> booked = bookings.lastBookedUntil(name, now).map(until -> until.isAfter(now) ? now : until);
    if (booked.isPresent() && booked.get().isAfter(since)) {
      since = booked.get();
    }
    Instant idleSince = since.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    long idleDays = java.time.Duration.between(idleSince, now).toDays();
    boolean idle = !environment.kind().isProduction() && idleDays >= properties.idleDays();
    List<String> open = catalog.openChanges(name);
    long activeBookings = bookings.activeAt(name, now);
    long upcomingBookings = bookings.upcoming(name, now);
    Optional<BookingRepository.Proposal> latest = bookings.proposals(name).stream().reduce((a, b) -> b);
    String proposal = !idle ? null : !open.isEmpty()
        ? "Idle for " + idleDays + " days, but changes to it are open: " + String.join(", ", open)
        : activeBookings + upcomingBookings > 0 ? "Idle for " + idleDays + " days, but it is booked ahead"
        : latest.filter(p -> p.idleSince().equals(idleSince))
            .map(p -> "Decommissioning proposed to " + p.ownerGroup() + " (" + p.id() + "): " + p.state())
            .orElse("Idle for " + idleDays + " days: " + environment.ownerGroup() + " is proposed to decommission "
                + name + " at the next idle check (a Tasklist task)");
    Utilization.Decommission decommission = latest.map(p -> new Utilization.Decommission(p.id(), p.idleSince(),
        p.proposedAt(), p.state(), p.decidedBy(), p.decidedAt())).orElse(null);
    return new Utilization(name, environment.kind().name(), environment.ownerGroup(), last.orElse(null),
        catalog.deploymentsSince(name, now.minus(java.time.Duration.ofDays(30))), environment.capacity(), open,
        idleSince, idleDays, idle, proposal,
        new Utilization.Slots(limits.limitOf(name), slots.inUse(name), slots.waiting(name)),
        activeBookings, upcomingBookings, bookings.openContentions(name), decommission);
  }
}
