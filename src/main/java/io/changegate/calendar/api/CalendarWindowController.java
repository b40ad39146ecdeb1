package io.changegate.calendar.api;

import io.changegate.calendar.CalendarWindow;
import io.changegate.calendar.WindowKind;
import io.changegate.calendar.WindowRequest;
import io.changegate.calendar.WindowService;
import java.time.Clock;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Blackout and maintenance windows (docs/names.md): {@code GET|POST /api/blackouts},
 * {@code GET|DELETE /api/blackouts/{id}}, and the same under {@code /api/maintenance-windows}. Writing is for
 * the CAB, operations and administrators (SecurityConfiguration); reading for every user.
 */
@RestController
class CalendarWindowController {

  static final String BLACKOUTS = "/api/blackouts";
  static final String MAINTENANCE_WINDOWS = "/api/maintenance-windows";

  private final WindowService windows;
  private final Clock clock;

  CalendarWindowController(WindowService windows, Clock clock) {
    this.windows = windows;
    this.clock = clock;
  }

  @GetMapping(BLACKOUTS)
  List<WindowView> blackouts(@RequestParam(defaultValue = "false") boolean includePast) {
    return list(WindowKind.BLACKOUT, includePast);
  }

  @PostMapping(BLACKOUTS)
  ResponseEntity<WindowView> createBlackout(@RequestBody WindowRequest request, Authentication user) {
    return create(WindowKind.BLACKOUT, BLACKOUTS, request, user);
  }

  @GetMapping(BLACKOUTS + "/{id}")
  WindowView blackout(@PathVariable String id) {
    return view(windows.find(WindowKind.BLACKOUT, id));
  }

  @DeleteMapping(BLACKOUTS + "/{id}")
  ResponseEntity<Void> deleteBlackout(@PathVariable String id, Authentication user) {
    windows.delete(WindowKind.BLACKOUT, id, user.getName());
    return ResponseEntity.noContent().build();
  }

  @GetMapping(MAINTENANCE_WINDOWS)
  List<WindowView> maintenanceWindows(@RequestParam(defaultValue = "false") boolean includePast) {
    return list(WindowKind.MAINTENANCE, includePast);
  }

  @PostMapping(MAINTENANCE_WINDOWS)
  ResponseEntity<WindowView> createMaintenanceWindow(@RequestBody WindowRequest request, Authentication user) {
    return create(WindowKind.MAINTENANCE, MAINTENANCE_WINDOWS, request, user);
  }

  @GetMapping(MAINTENANCE_WINDOWS + "/{id}")
  WindowView maintenanceWindow(@PathVariable String id) {
    return view(windows.find(WindowKind.MAINTENANCE, id));
  }

  @DeleteMapping(MAINTENANCE_WINDOWS + "/{id}")
  ResponseEntity<Void> deleteMaintenanceWindow(@PathVariable String id, Authentication user) {
    windows.delete(WindowKind.MAINTENANCE, id, user.getName());
    return ResponseEntity.noContent().build();
  }

  private ResponseEntity<WindowView> create(WindowKind kind, String path, WindowRequest request,
      Authentication user) {
    CalendarWindow window = windows.create(kind, request, user.getName());
    return ResponseEntity.created(URI.create(path + "/" + window.id())).body(view(window));
  }

  private List<WindowView> list(WindowKind kind, boolean includePast) {
    return windows.list(kind, includePast).stream().map(this::view).toList();
  }

  private WindowView view(CalendarWindow window) {
    return WindowView.of(window, clock.instant());
  }
}
