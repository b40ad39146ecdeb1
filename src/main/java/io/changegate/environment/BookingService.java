package io.changegate.environment;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeIds;
import io.changegate.change.ChangeRepository;
import io.changegate.change.ChangeType;
import io.changegate.change.Level;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.web.ConflictException;
import io.changegate.web.DateRange;
import io.changegate.web.FieldError;
import io.changegate.web.InvalidRequestException;
import io.changegate.web.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bookings of non-production environments. A booking that fits the environment's capacity (at no instant of its range
 * do more bookings overlap than the catalog's {@code capacity}) is confirmed at once; one that does not contends with
 * the bookings it overlaps: they wait, and the environment's owner group gets one Tasklist task with the order
 * Changegate proposes ({@link BookingOrder}: emergency, then HIGH risk, then the rest, with team quotas). The owner
 * accepts the order or rejects one booking; the bookings then get their states in that order, within the capacity
 * confirmed, beyond it displaced. Every step is in the audit trail; bookings of one environment are serialised by
 * its catalog row's lock.
 */
@Service
public class BookingService {

  private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Duration LONGEST = Duration.ofDays(92);

  private final EnvironmentRepository environments;
  private final BookingRepository bookings;
  private final ChangeRepository changes;
  private final BookingProperties properties;
  private final OwnerTasks ownerTasks;
  private final AuditTrail audit;
  private final Clock clock;

  BookingService(EnvironmentRepository environments, BookingRepository bookings, ChangeRepository changes,
      BookingProperties properties, OwnerTasks ownerTasks, AuditTrail audit, Clock clock) {
    this.environments = environments;
    this.bookings = bookings;
    this.changes = changes;
    this.properties = properties;
    this.ownerTasks = ownerTasks;
    this.audit = audit;
    this.clock = clock;
  }

  /** Who acts: the user, whether they administer the catalog (operations, administrators), and their groups. */
  public record Booker(String user, boolean administers, List<String> groups) {}

  /** The environment's bookings that have not ended yet, in order of their start. */
  public List<Booking> list(String environment) {
    get(environment);
    return bookings.of(environment, clock.instant());
  }

  public Booking get(String environment, String id) {
    return bookings.find(environment, id).orElseThrow(() -> new NotFoundException("No such booking",
        "The environment " + environment + " has no booking " + id));
  }

  /** Books the environment: confirmed, or contended with an owner task; refused (400) for production. */
  @Transactional
  public Booking book(String name, BookingRequest request, Booker booker) {
    Environment environment = environments.findForUpdate(name).orElseThrow(() -> notFound(name));
    Booking booking = validate(environment, request, booker);
    List<Booking> overlapping = bookings.activeOverlapping(name, booking.start(), booking.end());
    List<Booking> all = new ArrayList<>(overlapping);
    all.add(booking);
    boolean contends = BookingOrder.maxOverlap(all, booking.start(), booking.end()) > environment.capacity();
    Map<String, Object> details = details(booking);
    if (!contends) {
      bookings.insert(booking);
      audit.record(booker.user(), AuditAction.ENVIRONMENT_BOOKED, booking.changeId(), details);
      return booking;
    }
    String contentionId = overlapping.stream().map(Booking::contentionId).filter(java.util.Objects::nonNull)
        .filter(id -> bookings.contention(id).map(c -> "OPEN".equals(c.state())).orElse(false))
        .findFirst().orElse(null);
    boolean opened = contentionId == null;
    if (opened) {
      contentionId = newId("BKC-");
    }
    Booking contended = withState(booking, BookingState.CONTENDED, contentionId);
    bookings.insert(contended);
    for (Booking other : overlapping) {
      if (other.state() == BookingState.CONFIRMED || other.contentionId() == null
          || !other.contentionId().equals(contentionId)) {
        bookings.setState(other.id(), BookingState.CONTENDED, null, contentionId, null, null,
            "contends with " + contended.id());
      }
    }
    List<BookingOrder.Ranked> order = BookingOrder.propose(contendedIn(contentionId), properties.quotaOf(name));
    String proposed = BookingOrder.describe(order);
    if (opened) {
      bookings.insertContention(new BookingRepository.Contention(contentionId, name, environment.ownerGroup(), "OPEN",
          proposed, null), clock.instant());
      bookings.attachContentionProcess(contentionId,
          ownerTasks.decideBookings(contentionId, name, environment.ownerGroup(), proposed));
    } else {
      bookings.setProposedOrder(contentionId, proposed);
      bookings.contention(contentionId).map(BookingRepository.Contention::processInstanceId)
          .ifPresent(instance -> ownerTasks.showOrder(instance, proposed));
    }
    details.put("state", BookingState.CONTENDED.name());
    details.put("contention", contentionId);
    details.put("ownerGroup", environment.ownerGroup());
    details.put("proposedOrder", order.stream().map(r -> r.booking().id()).toList());
    audit.record(booker.user(), AuditAction.ENVIRONMENT_BOOKING_CONTENDED, booking.changeId(), details);
    return contended;
  }

  /** Cancels a booking: its requester, the owner group, operations or an administrator. */
  @Transactional
  public Booking cancel(String name, String id, Booker booker) {
    Environment environment = environments.findForUpdate(name).orElseThrow(() -> notFound(name));
    Booking booking = get(name, id);
    if (!booker.user().equals(booking.requestedBy()) && !booker.administers()
        && !booker.groups().contains(environment.ownerGroup())) {
      throw new AccessDeniedException("Only the requester of " + id + " (" + booking.requestedBy() + "), the owner"
          + " group of " + name + " (" + environment.ownerGroup() + "), operations or an administrator may cancel it");
    }
    if (!booking.state().active()) {
      throw new ConflictException("Booking has ended", id + " is " + booking.state() + "; only a confirmed or contended"
          + " booking is cancelled");
    }
    bookings.setState(id, BookingState.CANCELLED, booking.position(), booking.contentionId(), booker.user(),
        clock.instant(), "cancelled by " + booker.user());
    if (booking.state() == BookingState.CONTENDED && booking.contentionId() != null) {
      String contentionId = booking.contentionId();
      String proposed = BookingOrder.describe(BookingOrder.propose(contendedIn(contentionId),
          properties.quotaOf(name)));
      bookings.setProposedOrder(contentionId, proposed);
      bookings.contention(contentionId).filter(c -> "OPEN".equals(c.state()))
          .map(BookingRepository.Contention::processInstanceId)
          .ifPresent(instance -> ownerTasks.showOrder(instance, proposed));
    }
    Map<String, Object> details = details(booking);
    details.put("state", BookingState.CANCELLED.name());
    audit.record(booker.user(), AuditAction.ENVIRONMENT_BOOKING_CANCELLED, booking.changeId(), details);
    return get(name, id);
  }

  /**
   * The owner group's decision on a contention (from its Tasklist task): {@code APPROVE} the proposed order, or
   * {@code REJECT} one booking of it (comment required); the remaining bookings then take the environment in the
   * order proposed now — confirmed while the capacity holds, displaced beyond it. Refused (the task stays open) for
   * anyone outside the owner group, a decision of another kind, or a booking not in the contention.
   */
  @Transactional
  public void decide(String contentionId, String user, List<String> groups, String decision, String comment,
      String rejectBooking) {
    BookingRepository.Contention contention = bookings.contention(contentionId)
        .orElseThrow(() -> new GovernanceRefusal("No booking contention " + contentionId));
    Environment environment = environments.findForUpdate(contention.environment())
        .orElseThrow(() -> notFound(contention.environment()));
    if (!"OPEN".equals(contention.state())) {
      throw new GovernanceRefusal("The contention " + contentionId + " is decided already");
    }
    if (!groups.contains(environment.ownerGroup())) {
      throw new GovernanceRefusal(user + " is not in " + environment.ownerGroup() + ", the owner group of "
          + environment.name() + ": only the owner decides the order of its bookings");
    }
    String verdict = decision == null ? "" : decision.strip().toUpperCase(Locale.ROOT);
    if (!verdict.equals("APPROVE") && !verdict.equals("REJECT")) {
      throw new GovernanceRefusal("decision must be APPROVE (the proposed order) or REJECT (one booking), not '"
          + decision + "'");
    }
    List<Booking> contended = contendedIn(contentionId);
    String rejected = null;
    Instant now = clock.instant();
    if (verdict.equals("REJECT")) {
      rejected = rejectBooking == null ? "" : rejectBooking.strip();
      String wanted = rejected;
      if (contended.stream().noneMatch(b -> b.id().equals(wanted))) {
        throw new GovernanceRefusal("rejectBooking must name a booking of this contention ("
            + String.join(", ", contended.stream().map(Booking::id).toList()) + "), not '" + rejectBooking + "'");
      }
      if (comment == null || comment.isBlank()) {
        throw new GovernanceRefusal("A rejection needs a comment: the team is told why");
      }
      if (comment.strip().length() > BookingRepository.MAX_DECISION_TEXT) {
        throw new GovernanceRefusal("The comment must be at most " + BookingRepository.MAX_DECISION_TEXT
            + " characters (it is the booking's reason)");
      }
      bookings.setState(rejected, BookingState.REJECTED, null, contentionId, user, now, comment.strip());
      contended = contended.stream().filter(b -> !b.id().equals(wanted)).toList();
    }
    List<BookingOrder.Ranked> order = BookingOrder.propose(contended, properties.quotaOf(environment.name()));
    Set<String> inOrder = new LinkedHashSet<>(order.stream().map(r -> r.booking().id()).toList());
    List<Booking> granted = new ArrayList<>();
    List<String> confirmed = new ArrayList<>();
    List<String> displaced = new ArrayList<>();
    for (BookingOrder.Ranked ranked : order) {
      Booking b = ranked.booking();
      List<Booking> holding = new ArrayList<>(bookings.activeOverlapping(environment.name(), b.start(), b.end())
          .stream().filter(o -> o.state() == BookingState.CONFIRMED && !inOrder.contains(o.id())).toList());
      holding.addAll(granted.stream().filter(g -> g.overlaps(b.start(), b.end())).toList());
      holding.add(b);
      boolean fits = BookingOrder.maxOverlap(holding, b.start(), b.end()) <= environment.capacity();
      String reason = "position " + ranked.position() + " of the order " + user + " accepted (" + ranked.why() + ")";
      if (fits) {
        granted.add(b);
        confirmed.add(b.id());
        bookings.setState(b.id(), BookingState.CONFIRMED, ranked.position(), contentionId, user, now, reason);
      } else {
        displaced.add(b.id());
        bookings.setState(b.id(), BookingState.DISPLACED, ranked.position(), contentionId, user, now,
            reason + "; beyond the capacity of " + environment.capacity());
      }
    }
    bookings.decideContention(contentionId, verdict, rejected, user, now);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("environment", environment.name());
    details.put("contention", contentionId);
    details.put("decision", verdict);
    details.put("order", order.stream().map(r -> r.booking().id()).toList());
    details.put("confirmed", confirmed);
    details.put("displaced", displaced);
    if (rejected != null) {
      details.put("rejected", rejected);
      details.put("comment", comment.strip());
    }
    audit.record(user, AuditAction.ENVIRONMENT_BOOKINGS_DECIDED, null, details);
  }

  /** The contention's bookings still waiting for the owner, oldest request first. */
  private List<Booking> contendedIn(String contentionId) {
    return bookings.ofContention(contentionId).stream().filter(b -> b.state() == BookingState.CONTENDED)
        .sorted(Comparator.comparing(Booking::requestedAt).thenComparing(Booking::id)).toList();
  }

  private Booking validate(Environment environment, BookingRequest request, Booker booker) {
    if (environment.kind().isProduction()) {
      throw new InvalidRequestException("Production cannot be booked", List.of(new FieldError("environment",
          environment.name() + " is a " + environment.kind() + " environment: only non-production environments are"
              + " booked; production changes take a deployment slot and the change calendar")));
    }
    List<FieldError> errors = new ArrayList<>();
    Instant start = instant("start", request.start(), errors);
    Instant end = instant("end", request.end(), errors);
    Instant now = clock.instant();
    if (start != null && end != null) {
      if (!end.isAfter(start)) {
        errors.add(new FieldError("end", "must be after start"));
      } else if (Duration.between(start, end).compareTo(LONGEST) > 0) {
        errors.add(new FieldError("end", "a booking lasts at most " + LONGEST.toDays() + " days"));
      }
      if (!end.isAfter(now)) {
        errors.add(new FieldError("end", "must be in the future"));
      }
    }
    String team = request.team();
    if (team == null || !TEAM.matcher(team).matches()) {
      errors.add(new FieldError("team", "must be a team name (lower-case letters, digits and '-', up to 64)"));
    }
    String release = request.release() == null || request.release().isBlank() ? null : request.release().strip();
    if (release != null && (release.length() > 200 || release.chars().anyMatch(Character::isISOControl))) {
      errors.add(new FieldError("release", "must be a reference of up to 200 characters on one line"));
    }
    Criticality declared = Criticality.NORMAL;
    if (request.criticality() != null && !request.criticality().isBlank()) {
      try {
        declared = Criticality.valueOf(request.criticality().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        errors.add(new FieldError("criticality", "must be one of EMERGENCY, HIGH, NORMAL"));
      }
    }
    String changeId = request.changeId() == null || request.changeId().isBlank() ? null : request.changeId().strip();
    Criticality backed = Criticality.NORMAL;
    if (changeId != null) {
      Change change = ChangeIds.isChangeId(changeId) ? changes.find(changeId).orElse(null) : null;
      if (change == null) {
        errors.add(new FieldError("changeId", "no change " + changeId + " exists"));
      } else if (!change.environment().equals(environment.name())) {
        errors.add(new FieldError("changeId", changeId + " is a change to " + change.environment() + ", not to "
            + environment.name()));
      } else {
        backed = change.emergency() || change.type() == ChangeType.EMERGENCY ? Criticality.EMERGENCY
            : change.riskLevel() == Level.HIGH ? Criticality.HIGH : Criticality.NORMAL;
      }
    } else if (release == null) {
      errors.add(new FieldError("release", "is required without a changeId: what the booking is for"));
    }
    if (declared.compareTo(backed) < 0 && !errors.stream().anyMatch(e -> e.field().equals("changeId"))) {
      errors.add(new FieldError("criticality", declared + " needs " + (changeId == null ? "a changeId of" : changeId
          + " to be") + (declared == Criticality.EMERGENCY ? " an emergency change" : " a change rated HIGH risk")
          + " (Changegate reads it from the change, not from the booking)"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("The booking has " + errors.size() + " invalid field"
          + (errors.size() == 1 ? "" : "s"), errors);
    }
    return new Booking(newId("BKG-"), environment.name(), team, release, changeId, declared, start, end,
        BookingState.CONFIRMED, null, null, booker.user(), now, null, null, null);
  }

  private static Instant instant(String field, String text, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      errors.add(new FieldError(field, "is required (an ISO-8601 instant, e.g. 2026-12-01T08:00:00Z)"));
      return null;
    }
    try {
      Instant instant = java.time.OffsetDateTime.parse(text.strip()).toInstant();
      if (!DateRange.contains(instant)) {
        errors.add(new FieldError(field, DateRange.MESSAGE));
        return null;
      }
      return instant;
    } catch (DateTimeParseException invalid) {
      errors.add(new FieldError(field, "must be an ISO-8601 instant with offset (e.g. 2026-12-01T08:00:00Z)"));
      return null;
    }
  }

  private static Booking withState(Booking b, BookingState state, String contentionId) {
    return new Booking(b.id(), b.environment(), b.team(), b.release(), b.changeId(), b.criticality(), b.start(),
        b.end(), state, b.position(), contentionId, b.requestedBy(), b.requestedAt(), b.decidedBy(), b.decidedAt(),
        state == BookingState.CONTENDED ? "waits for the owner group's order" : b.reason());
  }

  private static Map<String, Object> details(Booking b) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("booking", b.id());
    details.put("environment", b.environment());
    details.put("team", b.team());
    details.put("criticality", b.criticality().name());
    details.put("start", b.start().toString());
    details.put("end", b.end().toString());
    if (b.release() != null) {
      details.put("release", b.release());
    }
    details.put("state", b.state().name());
    return details;
  }

  static String newId(String prefix) {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    return prefix + HexFormat.of().formatHex(random);
  }

  private Environment get(String name) {
    return environments.find(name).orElseThrow(() -> notFound(name));
  }

  private static NotFoundException notFound(String name) {
    return new NotFoundException("No such environment", "The environment catalog has no environment '" + name
        + "'");
  }
}
