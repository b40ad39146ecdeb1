package io.changegate.environment.api;

import io.changegate.environment.Booking;
import io.changegate.environment.BookingRequest;
import io.changegate.environment.BookingService;
import io.changegate.environment.UtilizationService;
import io.changegate.environment.Utilization;
import io.changegate.security.Groups;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bookings of non-production environments and the utilization report (docs/api.md, docs/environments.md):
 * {@code GET|POST /api/environments/{name}/bookings}, {@code GET /api/environments/{name}/bookings/{id}},
 * {@code POST /api/environments/{name}/bookings/{id}/cancel}, {@code GET /api/environments/utilization} and
 * {@code GET /api/environments/{name}/utilization}.
 */
@RestController
class BookingController {

  static final String BOOKINGS = EnvironmentController.ENVIRONMENTS + "/{name}/bookings";

  private final BookingService bookings;
  private final UtilizationService utilization;

  BookingController(BookingService bookings, UtilizationService utilization) {
    this.bookings = bookings;
    this.utilization = utilization;
  }

  @GetMapping(EnvironmentController.ENVIRONMENTS + "/utilization")
  List<Utilization> utilization() {
    return utilization.utilizationReport();
  }

  @GetMapping(EnvironmentController.ENVIRONMENTS + "/{name}/utilization")
  Utilization utilization(@PathVariable String name) {
    return utilization.utilization(name);
  }

  @GetMapping(BOOKINGS)
  List<Booking> list(@PathVariable String name) {
    return bookings.list(name);
  }

  @GetMapping(BOOKINGS + "/{id}")
  Booking get(@PathVariable String name, @PathVariable String id) {
    return bookings.get(name, id);
  }

  @PostMapping(BOOKINGS)
  ResponseEntity<Booking> book(@PathVariable String name, @RequestBody BookingRequest request, Authentication user) {
    Booking booking = bookings.book(name, request, booker(user));
    return ResponseEntity.created(URI.create(EnvironmentController.ENVIRONMENTS + "/" + name + "/bookings/"
        + booking.id())).body(booking);
  }

  @PostMapping(BOOKINGS + "/{id}/cancel")
  Booking cancel(@PathVariable String name, @PathVariable String id, Authentication user) {
    return bookings.cancel(name, id, booker(user));
  }

  private static BookingService.Booker booker(Authentication user) {
    List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(Groups.AUTHORITY_PREFIX)).map(a -> a.substring(Groups.AUTHORITY_PREFIX.length()))
        .toList();
    return new BookingService.Booker(user.getName(), Groups.hasAny(user, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN),
        groups);
  }
}
